import type { QuerySpec } from '../engine/engine';
import { MIN_CELL_PATIENTS } from './small-cells';
import type { ProviderComparisonOptions } from './provider-comparison';
import { spec, sql, val } from './sql';
import { includedEpisodes, shown } from './stats-sql';

/** The case-mix model's factors (model/case-mix-sql.ts) whose mix a provider can be shown by. */
export const MIX_FACTORS = ['condition', 'technique', 'age_band'] as const;
export type MixFactor = (typeof MIX_FACTORS)[number];

export interface CaseMixSharesOptions extends ProviderComparisonOptions {
	factor: MixFactor;
}

/**
 * The case mix behind a fair comparison: for each clinic or therapist and each level of one of
 * the model's factors, the share of the provider's episodes at that level next to the share in
 * the whole filter, over the episodes the comparison uses (included, within the filter). A row
 * for every provider × level, zero shares included, so a provider that treats no one with a
 * condition says 0 %, not nothing. A provider with fewer patients than minPatients keeps its n
 * and nothing else, as in the comparison. Providers in name order, levels most common first.
 */
export function caseMixSharesQuery(options: CaseMixSharesOptions): QuerySpec {
	const { by, factor, minPatients = MIN_CELL_PATIENTS } = options;
	if (by !== 'clinic' && by !== 'therapist') throw new Error(`Cannot compare by ${String(by)}.`);
	if (!MIX_FACTORS.includes(factor)) throw new Error(`No case mix by ${String(factor)}.`);
	return spec(sql`
		WITH episodes AS (
			SELECT ${by}::VARCHAR AS provider, ${factor}::VARCHAR AS level, patient_no
			${includedEpisodes(options)}
		), providers AS (
			SELECT provider, count(*)::INTEGER AS n, count(DISTINCT patient_no)::INTEGER AS patients,
				count(DISTINCT patient_no) < ${val(minPatients)} AS suppressed
			FROM episodes GROUP BY provider
		), levels AS (
			SELECT level, count(*)::INTEGER AS level_n, count(*) / sum(count(*)) OVER () AS overall_share
			FROM episodes GROUP BY level
		), cells AS (
			SELECT provider, level, count(*)::INTEGER AS episodes FROM episodes GROUP BY provider, level
		)
		SELECT p.provider, l.level, p.n, p.patients, p.suppressed,
			${shown('coalesce(c.episodes, 0)', 'p.suppressed')} AS episodes,
			${shown('coalesce(c.episodes, 0) / p.n', 'p.suppressed')} AS share,
			l.level_n, l.overall_share
		FROM providers p CROSS JOIN levels l
			LEFT JOIN cells c ON c.provider IS NOT DISTINCT FROM p.provider
				AND c.level IS NOT DISTINCT FROM l.level
		ORDER BY p.provider NULLS LAST, l.level_n DESC, l.level NULLS LAST`);
}
