import type { QuerySpec } from '../engine/engine';
import type { SqlFilter } from '../selection/clause';
import { join, NO_FILTER, spec, sql, where } from './sql';
import { includedEpisodes, patients } from './stats-sql';

export interface ChipCountsOptions {
	measure: string;
	/**
	 * One filter per chip, in the chips' order, each already holding every chip up to its own
	 * (the page builds chip i's from the state with later chips removed). They are not ANDed
	 * here: ticking a second clinic widens a filter, and an AND would narrow it instead.
	 */
	filters: readonly SqlFilter[];
}

/**
 * Included episodes of the measure (n_i) and their distinct patients (patients_i) under each
 * filter, in one row and one scan; n_0 and patients_0 count them before any filter.
 */
export function chipCountsQuery({ measure, filters }: ChipCountsOptions): QuerySpec {
	const counts = filters.map(
		(filter, i) => sql`
			(count(*) FILTER (WHERE ${where(filter)}))::INTEGER AS n_${String(i + 1)},
			${patients(where(filter))} AS patients_${String(i + 1)}`
	);
	return spec(sql`
		SELECT count(*)::INTEGER AS n_0, ${patients()} AS patients_0
			${join(
				counts.map((c) => sql`, ${c}`),
				''
			)}
		${includedEpisodes({ measure, filter: NO_FILTER })}`);
}
