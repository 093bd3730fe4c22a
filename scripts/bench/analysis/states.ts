// The filter changes the analysis bench replays, and the queries the page issues for each.
// No Node or browser imports: the Chromium harness builds them, the Node side only reads results.
import {
	chipsQuery,
	dashboardQuery,
	PANELS,
	type DashboardContext,
	type Panel
} from '../../../src/lib/analysis/dashboard-queries';
import type { QuerySpec } from '../../../src/lib/engine/engine';
import {
	cloneState,
	defaultState,
	type AnalysisState
} from '../../../src/lib/state/analysis-state';

/** The first states only warm up the engine (JIT, caches, first plans); they are not timed. */
export const WARMUPS = 2;

type Step = [label: string, change: (s: AnalysisState) => void];
const clearFilters = (s: AnalysisState) => (s.filters = defaultState().filters);

/**
 * One user's session, each step applied to the state before it. A display change (trend kind,
 * metric, facet, a chart click) leaves the other charts' queries as they were, which the
 * coordinator's cache would answer; so each such change comes with a filter-bar change, which
 * changes every query: each state's query set is new and all of it runs in DuckDB (checked in
 * the page: the report counts queries seen before).
 */
const STEPS: Step[] = [
	['default view', () => {}],
	['clinic', (s) => (s.filters.clinic = ['Harbour Clinic'])],
	['condition', (s) => ((s.filters.clinic = []), (s.filters.condition = ['Low back pain']))],
	['+ 2 techniques', (s) => (s.filters.technique = ['Deep tissue', 'Swedish'])],
	['+ clinic', (s) => (s.filters.clinic = ['Riverside Clinic'])],
	['+ length bands', (s) => (s.filters.length_band = [30, 45])],
	['+ age bands', (s) => (s.filters.age_band = ['40–49', '50–59'])],
	['+ sex', (s) => (s.filters.sex = ['F'])],
	['+ date range', (s) => ((s.filters.from = '2022-06-01'), (s.filters.to = '2023-12-31'))],
	[
		'matrix cell, other clinic',
		(s) => {
			clearFilters(s);
			s.filters.clinic = ['Northside Clinic'];
			s.select.condition = 'Neck pain';
			s.select.technique = 'Swedish';
		}
	],
	[
		'metric responders, + clinic',
		(s) => {
			s.metric = 'responders';
			s.filters.clinic = ['Northside Clinic', 'Westfield Clinic'];
		}
	],
	['trend raw, + sex', (s) => ((s.trend = 'raw'), (s.filters.sex = ['M']))],
	['measure flexibility', (s) => (s.measure = 'flexibility')],
	[
		'measure pain, weeks, + age',
		(s) => {
			s.measure = 'pain';
			s.axis = 'week';
			s.filters.age_band = ['60–69'];
		}
	],
	['facet technique, + length', (s) => ((s.facet = 'technique'), (s.filters.length_band = [60]))],
	['dose bar, + from', (s) => ((s.select.length_band = 45), (s.filters.from = '2023-01-01'))],
	['sessions bar, + to', (s) => ((s.select.sessions = 8), (s.filters.to = '2024-06-30'))],
	[
		'min patients, therapist',
		(s) => ((s.minPatients = 10), (s.filters.therapist = ['Therapist 3']))
	],
	[
		'threshold, clinic',
		(s) => {
			s.threshold = 1.5;
			s.filters.therapist = [];
			s.filters.clinic = ['Harbour Clinic'];
		}
	],
	[
		'2 conditions, no selections',
		(s) => {
			clearFilters(s);
			s.select = defaultState().select;
			s.filters.condition = ['Neck pain', 'Sciatica'];
		}
	],
	[
		'paired by time, + condition',
		(s) => {
			[s.trend, s.axis, s.facet] = ['paired', 'time', 'condition'];
			s.filters.condition.push('Headache');
		}
	],
	[
		'flexibility, 1 technique',
		(s) => {
			s.measure = 'flexibility';
			s.filters.condition = [];
			s.filters.technique = ['Myofascial release'];
		}
	]
];

export interface BenchState {
	label: string;
	state: AnalysisState;
}

export function benchStates(): BenchState[] {
	let state = defaultState();
	return STEPS.map(([label, change]) => {
		state = cloneState(state);
		change(state);
		return { label, state };
	});
}

/** The forest and comparisons' condition: the clicked cell, the one filtered, else a default. */
export function focusOf(state: AnalysisState): string {
	const { condition } = state.filters;
	return state.select.condition ?? (condition.length === 1 ? condition[0]! : 'Low back pain');
}

export interface PanelQuery {
	panel: Panel | 'chips';
	spec: QuerySpec;
}

/** What the page asks when every chart is on screen: each panel's query and the chips' counts. */
export function pageQueries(state: AnalysisState): PanelQuery[] {
	const context: DashboardContext = { state, measure: state.measure, focus: focusOf(state) };
	const queries: PanelQuery[] = [];
	for (const panel of PANELS) {
		const spec = dashboardQuery(panel, context);
		if (spec) queries.push({ panel, spec });
	}
	const chips = chipsQuery(state, state.measure);
	if (chips) queries.push({ panel: 'chips', spec: chips });
	return queries;
}
