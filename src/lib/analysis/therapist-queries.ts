import type { QuerySpec } from '../engine/engine';
import { clausesFromState } from '../state/analysis-url';
import type { AnalysisState } from '../state/analysis-state';
import { expectedBandQuery } from '../stats/expected-band';
import { flagCountsQuery, patientListQuery, type FlagOptions } from '../stats/patient-list';
import {
	episodeSeriesQuery,
	patientEpisodesQuery,
	sessionNotesQuery
} from '../stats/patient-series';
import { whereSql } from '../stats/where';
import type { DashboardContext } from './dashboard-queries';

/** Rows of the therapist's list on one page. */
export const PATIENTS_PER_PAGE = 25;

const flagOptions = ({ state, measure }: DashboardContext): FlagOptions => ({
	measure,
	filter: whereSql(clausesFromState(state)),
	stallAfter: state.stallAfter,
	overdueWeeks: state.overdueWeeks,
	threshold: state.threshold
});

/** The flags' counts over every episode in the page's filters. */
export const flagCountsFor = (context: DashboardContext): QuerySpec =>
	flagCountsQuery(flagOptions(context));

/** Page `page` (from 0) of the list, searched and sorted as the address says. */
export const patientPageFor = (context: DashboardContext, page: number): QuerySpec =>
	patientListQuery({
		...flagOptions(context),
		search: context.state.search,
		sort: context.state.sort,
		limit: PATIENTS_PER_PAGE,
		offset: page * PATIENTS_PER_PAGE
	});

/** Every measure's scores of the listed episodes, for their sparklines (by session). */
export const sparklinesFor = (episodes: readonly number[]): QuerySpec | null =>
	episodes.length ? episodeSeriesQuery({ episodes, axis: 'time' }) : null;

/** The compared episodes' scores of the page's measure, along the page's axis. */
export const comparedFor = ({ state, measure }: DashboardContext): QuerySpec | null =>
	state.compare.length
		? episodeSeriesQuery({ episodes: state.compare, measure, axis: state.axis })
		: null;

/** One episode's scores of every measure, and what similar episodes scored, along the axis. */
export const patientSeriesFor = (episodes: readonly number[], state: AnalysisState) =>
	episodes.length ? episodeSeriesQuery({ episodes, axis: state.axis }) : null;

export const expectedBandFor = (episode: number, state: AnalysisState): QuerySpec =>
	expectedBandQuery({ episode, axis: state.axis, minPatients: state.minPatients });

/** The patient page's episodes and notes. */
export const patientEpisodesFor = (patient: string) => patientEpisodesQuery(patient);
export const patientNotesFor = (patient: string) => sessionNotesQuery(patient);
