import type { MixFactor } from '../stats/case-mix-shares';
import { FLAG_DEFAULTS, type PatientSort } from '../stats/patient-list';
import { MIN_CELL_PATIENTS } from '../stats/small-cells';

/**
 * What the analysis view shows: the filters, the charts' selections and every display choice.
 * All of it lives in the address (analysis-url.ts), so a view can be shared or bookmarked and
 * the back button undoes a click.
 */
export interface AnalysisState {
	measure: string;
	filters: {
		clinic: string[];
		therapist: string[];
		condition: string[];
		technique: string[];
		age_band: string[];
		sex: string[];
		length_band: number[];
		/** ISO yyyy-mm-dd, inclusive; null = open on that side. */
		from: string | null;
		to: string | null;
	};
	/** Chart cross-filter selections: a clicked matrix cell, dose bar or point. */
	select: {
		condition: string | null;
		technique: string | null;
		length_band: number | null;
		sessions: number | null;
	};
	/** Matrix colour. */
	metric: 'improvement' | 'responders';
	/** Forest plot: raw means or baseline-adjusted (ANCOVA) means. */
	adjust: 'raw' | 'adjusted';
	trend: 'paired' | 'raw';
	axis: 'time' | 'week';
	facet: 'condition' | 'technique';
	/** The director's fair comparison: of clinics or of therapists. */
	providers: 'clinic' | 'therapist';
	/** The case mix shown beside it: by condition, technique or age band. */
	mix: MixFactor;
	/** Cells describing fewer distinct patients are suppressed. */
	minPatients: number;
	/** Responder threshold in the measure's units, for measures without an MCID. */
	threshold: number | null;
	/** Target-state value (overrides the measure's default target). */
	target: number | null;
	/** Whether the tables behind the charts start open. */
	tables: boolean;
	/** The therapist's flags: not progressing after this many sessions, overdue after weeks. */
	stallAfter: number;
	overdueWeeks: number;
	/** The therapist's patient list: its order and a search in patient ids. */
	sort: PatientSort;
	search: string;
	/** Episodes whose trajectories the therapist overlays (this dataset's episode numbers). */
	compare: number[];
}

export type CategoryFilter =
	'clinic' | 'therapist' | 'condition' | 'technique' | 'age_band' | 'sex';

export const METRICS = ['improvement', 'responders'] as const;
export const ADJUSTS = ['raw', 'adjusted'] as const;
export const TRENDS = ['paired', 'raw'] as const;
export const AXES = ['time', 'week'] as const;
export const FACETS = ['condition', 'technique'] as const;
export const PROVIDERS = ['clinic', 'therapist'] as const;
/** Session length bands in minutes (60 = 60 and longer), as episode_measures.length_band holds. */
export const LENGTH_BANDS = [15, 30, 45, 60] as const;
export const MIN_PATIENTS = { min: 2, max: 50 } as const;
export const STALL_AFTER = { min: 1, max: 50 } as const;
export const OVERDUE_WEEKS = { min: 1, max: 104 } as const;
/** Episode numbers count from 1 (INTEGER); the address takes up to nine digits. */
export const MAX_EPISODE = 999_999_999;
/** USMALLINT, the type of episode_measures.sessions. */
export const MAX_SESSIONS = 65_535;

export function defaultState(): AnalysisState {
	return {
		measure: 'pain',
		filters: {
			clinic: [],
			therapist: [],
			condition: [],
			technique: [],
			age_band: [],
			sex: [],
			length_band: [],
			from: null,
			to: null
		},
		select: { condition: null, technique: null, length_band: null, sessions: null },
		metric: 'improvement',
		adjust: 'adjusted',
		trend: 'paired',
		axis: 'time',
		facet: 'condition',
		providers: 'clinic',
		mix: 'condition',
		minPatients: MIN_CELL_PATIENTS,
		threshold: null,
		target: null,
		tables: false,
		...FLAG_DEFAULTS,
		sort: 'flags',
		search: '',
		compare: []
	};
}

/**
 * A copy to change and hand on (components never mutate the state they were given). Written
 * out rather than structuredClone, which refuses Svelte's $state proxies.
 */
export function cloneState(s: AnalysisState): AnalysisState {
	const f = s.filters;
	return {
		...s,
		filters: {
			clinic: [...f.clinic],
			therapist: [...f.therapist],
			condition: [...f.condition],
			technique: [...f.technique],
			age_band: [...f.age_band],
			sex: [...f.sex],
			length_band: [...f.length_band],
			from: f.from,
			to: f.to
		},
		select: { ...s.select },
		compare: [...s.compare]
	};
}
