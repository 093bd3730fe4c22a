import type { QuerySpec } from '../engine/engine';
import { SOURCES } from '../selection/clause';
import { activeChips } from '../state/analysis-chips';
import { Selection } from '../selection/selection';
import { clausesFromState, type AnalysisState } from '../state/analysis-url';
import { adjustedMeansQuery } from '../stats/adjusted-means';
import { compareQuery } from '../stats/compare';
import { chipCountsQuery, cubeChipCountsQuery } from '../stats/chip-counts';
import { cubeFieldsFilter } from '../stats/cube-filter';
import { distributionQuery } from '../stats/distribution';
import { excludedQuery, summaryQuery } from '../stats/summary';
import { cubeAnswers, cubeForQuery, cubeHolds, cubeSummaryQuery } from '../stats/summary-cube';
import { trendQuery, type TrendField } from '../stats/trend';
import { cubeTrendQuery, trendCubeAnswers } from '../stats/trend-cube';
import { whereSql } from '../stats/where';

/** Every chart of the analysis page, by name: what the page can draw and the bench measures. */
export type Panel =
	| 'matrix'
	| 'forest'
	| 'compare'
	| 'trend'
	| 'distribution'
	| 'doseLength'
	| 'doseSessions'
	| 'excluded';

export const PANELS: readonly Panel[] = [
	'matrix',
	'forest',
	'compare',
	'trend',
	'distribution',
	'doseLength',
	'doseSessions',
	'excluded'
];

export interface DashboardContext {
	state: AnalysisState;
	/** The measure shown (a key of the dataset's registry). */
	measure: string;
	/** The condition the forest plot and comparisons are about (null: none to show). */
	focus: string | null;
}

/**
 * The query each chart declares, as data. A chart is filtered by every clause but its own
 * selection (crossfilter): the matrix ignores the cell clicked in it, the dose charts their own
 * bars. The forest and comparisons are about one condition, so they ignore the condition part
 * of the matrix selection but keep its technique out too (they compare techniques). The trend
 * keeps the selected series and highlights it instead.
 */
export function dashboardQuery(
	panel: Panel,
	{ state, measure, focus }: DashboardContext
): QuerySpec | null {
	const selection = Selection.from(clausesFromState(state));
	const filterFor = (source: string | null) => whereSql(selection.clausesFor(source));
	const common = (source: string | null) => ({
		measure,
		filter: filterFor(source),
		minPatients: state.minPatients,
		threshold: state.threshold,
		target: state.target
	});
	switch (panel) {
		case 'matrix': {
			// The default view and most filter-bar states are added up from the cube.
			const options = { ...common(SOURCES.matrix), by: ['condition', 'technique'] as const };
			const clauses = selection.clausesFor(SOURCES.matrix);
			return cubeAnswers(options.by, clauses, options)
				? cubeSummaryQuery({ ...options, clauses })
				: summaryQuery(options);
		}
		case 'forest':
		case 'compare': {
			if (focus === null) return null;
			// Filtered on the cube's fields only (most views), the techniques' sums come from it.
			const clauses = selection.clausesFor(SOURCES.matrix);
			const options = {
				...common(SOURCES.matrix),
				condition: focus,
				...(cubeHolds(clauses) ? { clauses } : {})
			};
			return panel === 'forest' ? adjustedMeansQuery(options) : compareQuery(options);
		}
		case 'trend': {
			// Series are techniques (or conditions): a selected one is highlighted, not filtered
			// out, so it stays comparable with the rest; the cell's other half filters.
			const series: TrendField = state.facet === 'condition' ? 'technique' : 'condition';
			const clauses = selection
				.clausesFor(SOURCES.trend)
				.filter((c) => !(c.source === SOURCES.matrix && c.field === series));
			const trend = {
				...common(SOURCES.trend),
				axis: state.axis,
				kind: state.trend,
				by: series,
				facet: state.facet
			};
			// Most views filter no therapist or date: the cube answers them, ten times faster at 10M.
			return trendCubeAnswers({ ...trend, clauses })
				? cubeTrendQuery({ ...trend, clauses })
				: trendQuery({ ...trend, filter: whereSql(clauses) });
		}
		case 'distribution':
			return distributionQuery(common(null));
		case 'doseLength':
			return summaryQuery({ ...common(SOURCES.doseLength), by: ['length_band'] });
		case 'doseSessions':
			return summaryQuery({ ...common(SOURCES.doseSessions), by: ['sessions'] });
		case 'excluded':
			return excludedQuery(common(null));
	}
}

/**
 * The n each filter chip leaves, in the order the chips are shown: chip i counts with chips 1…i
 * applied. A chip's own clauses are those its state (every later chip removed) adds to the state
 * before it. One scan for all of them.
 */
export function chipsQuery(state: AnalysisState, measure: string): QuerySpec | null {
	const chips = activeChips(state);
	if (!chips.length) return null;
	const upTo = chips.map((_, i) =>
		clausesFromState(chips.slice(i + 1).reduce((s, chip) => chip.remove(s), state))
	);
	const own = upTo.map((clauses, i) => {
		const before = new Set((upTo[i - 1] ?? []).map((c) => JSON.stringify(c)));
		return clauses.filter((c) => !before.has(JSON.stringify(c)));
	});
	// Most chips are on the cube's fields; a date range or a sessions bar reads the episodes.
	if (!own.every(cubeHolds))
		return chipCountsQuery({ measure, chips: own.map((clauses) => whereSql(clauses)) });
	const cube = cubeForQuery([], own.flat());
	return cubeChipCountsQuery({
		measure,
		cube: cube.table,
		chips: own.map((clauses) => cubeFieldsFilter(clauses, cube))
	});
}
