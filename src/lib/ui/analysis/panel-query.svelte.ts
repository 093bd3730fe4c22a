import type { Panel } from '../../analysis/dashboard-queries';
import { rowObjects } from '../../engine/rows';
import type { Priority } from '../../engine/read-queue';
import { liveQuery, type LiveQuery } from '../../state/live-query.svelte';
import { Visibility } from '../visibility.svelte';
import type { AnalysisView } from './analysis-view.svelte';

export interface PanelQuery<T> {
	/** Attach to the panel's wrapper: off screen, the panel asks nothing. */
	readonly seen: Visibility;
	readonly result: LiveQuery;
	/** The answer's rows, decoded once per answer (presentation only: no aggregation here). */
	readonly rows: T[];
}

/**
 * A chart panel's standing query (`view` is read when asked, as a component prop must be): the page's query for this panel, asked while the panel is on
 * screen; the last picture stays while new numbers load (or while scrolled away). Call during
 * component initialisation.
 */
export function panelQuery<T>(
	view: () => AnalysisView,
	panel: Panel,
	{
		wanted = () => true,
		priority = 'normal'
	}: {
		/** Also required before asking: e.g. the table holding the answer is open. */
		wanted?: () => boolean;
		/** 'low' for what accompanies a chart (counts, notes): charts are answered first. */
		priority?: Priority;
	} = {}
): PanelQuery<T> {
	const seen = new Visibility();
	const result = liveQuery(() => (seen.visible && wanted() ? view().query(panel) : null), {
		priority
	});
	const rows = $derived(rowObjects<T>(result.table));
	return {
		seen,
		result,
		get rows() {
			return rows;
		}
	};
}
