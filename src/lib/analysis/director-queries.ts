import type { QuerySpec } from '../engine/engine';
import { clausesFromState } from '../state/analysis-url';
import { caseMixSharesQuery } from '../stats/case-mix-shares';
import { kpiQuery } from '../stats/director-kpis';
import { providerComparisonQuery } from '../stats/provider-comparison';
import { summaryQuery } from '../stats/summary';
import { whereSql } from '../stats/where';
import type { DashboardContext } from './dashboard-queries';

/**
 * The director's fair comparison for the page's state: clinics or therapists (state.providers),
 * observed − expected within every filter and chart selection, the model fitted on all episodes.
 */
export function providersQuery({ state, measure }: DashboardContext): QuerySpec {
	return providerComparisonQuery({
		measure,
		by: state.providers,
		filter: whereSql(clausesFromState(state)),
		minPatients: state.minPatients
	});
}

/** The case mix beside the comparison: each provider's episodes by one of the model's factors. */
export function caseMixQuery({ state, measure }: DashboardContext): QuerySpec {
	return caseMixSharesQuery({
		measure,
		by: state.providers,
		factor: state.mix,
		filter: whereSql(clausesFromState(state)),
		minPatients: state.minPatients
	});
}

/** The director's headline counts for the page's filters (stats/director-kpis.ts). */
export function kpisQuery({ state, measure }: DashboardContext): QuerySpec {
	return kpiQuery({
		measure,
		filter: whereSql(clausesFromState(state)),
		threshold: state.threshold
	});
}

/** Mean improvement and responders for the whole filter: one summary row, no grouping. */
export function overallQuery({ state, measure }: DashboardContext): QuerySpec {
	return summaryQuery({
		measure,
		by: [],
		filter: whereSql(clausesFromState(state)),
		minPatients: state.minPatients,
		threshold: state.threshold,
		target: state.target
	});
}
