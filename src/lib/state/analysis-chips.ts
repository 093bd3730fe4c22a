import { cloneState, type AnalysisState, type CategoryFilter } from './analysis-state';

export type ListFilter = CategoryFilter | 'length_band';

export const FILTER_LABELS: Record<ListFilter, string> = {
	clinic: 'Clinic',
	therapist: 'Therapist',
	condition: 'Condition',
	technique: 'Technique',
	age_band: 'Age band',
	sex: 'Sex',
	length_band: 'Session length'
};

/** Band 60 holds every session of an hour or more (episode_measures.length_band). */
export const minutesLabel = (band: number) => (band === 60 ? '60 min or longer' : `${band} min`);

/** An active filter or chart selection, as the filter bar lists it, and how to take it off. */
export interface Chip {
	/** Stable identity (the parameter it comes from), for keyed lists. */
	key: string;
	/** What the chip says, e.g. "Clinic: Riverside"; the parent's counts are matched on it. */
	label: string;
	/** Set by clicking a chart rather than in the filter bar. */
	selection: boolean;
	remove(state: AnalysisState): AnalysisState;
}

/** A few values in full, the rest counted: a chip stays one line. */
function listed(values: readonly string[]): string {
	const shown = values.slice(0, 3).map((v) => (v === '' ? '(empty)' : v));
	return values.length > 3 ? `${shown.join(', ')} and ${values.length - 3} more` : shown.join(', ');
}

const without = (change: (s: AnalysisState) => void) => (state: AnalysisState) => {
	const next = cloneState(state);
	change(next);
	return next;
};

function dateLabel(from: string | null, to: string | null): string {
	if (from !== null && to !== null) return `First session: ${from} to ${to}`;
	return from !== null ? `First session: from ${from}` : `First session: until ${to}`;
}

/**
 * The chips, in the order of clausesFromState (filter bar first, then the charts' selections),
 * the order in which their counts are cumulated.
 */
export function activeChips(state: AnalysisState): Chip[] {
	const { filters: f, select } = state;
	const chips: Chip[] = [];
	for (const field of Object.keys(FILTER_LABELS) as ListFilter[]) {
		const values = f[field];
		if (!values.length) continue;
		const text = field === 'length_band' ? f.length_band.map(minutesLabel) : f[field];
		chips.push({
			key: field,
			label: `${FILTER_LABELS[field]}: ${listed(text)}`,
			selection: false,
			remove: without((s) => (s.filters[field] = []))
		});
	}
	if (f.from !== null || f.to !== null)
		chips.push({
			key: 'dates',
			label: dateLabel(f.from, f.to),
			selection: false,
			remove: without((s) => ((s.filters.from = null), (s.filters.to = null)))
		});
	const cell = [select.condition, select.technique].filter((v) => v !== null);
	if (cell.length)
		chips.push({
			key: 'matrix',
			label: `Selected: ${cell.join(' × ')}`,
			selection: true,
			remove: without((s) => ((s.select.condition = null), (s.select.technique = null)))
		});
	if (select.length_band !== null)
		chips.push({
			key: 'dose-length',
			label: `Selected: sessions of ${minutesLabel(select.length_band)}`,
			selection: true,
			remove: without((s) => (s.select.length_band = null))
		});
	if (select.sessions !== null)
		chips.push({
			key: 'dose-sessions',
			label: `Selected: ${select.sessions} session${select.sessions === 1 ? '' : 's'} attended`,
			selection: true,
			remove: without((s) => (s.select.sessions = null))
		});
	return chips;
}
