import type { QuerySpec } from '../engine/engine';
import { clausesFromState } from '../state/analysis-url';
import { providerComparisonQuery } from '../stats/provider-comparison';
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
