import type { QuerySpec } from '../engine/engine';
import type { MeasureScope } from './options';
import { MIN_CELL_PATIENTS } from './small-cells';
import { spec, sql, val, where } from './sql';
import { shown, tHalfWidth, Z } from './stats-sql';

export type Provider = 'clinic' | 'therapist';

export interface ProviderComparisonOptions extends MeasureScope {
	by: Provider;
	minPatients?: number;
}

/**
 * Observed − expected improvement per clinic or therapist, within the filter: the mean residual
 * of the case-mix model (model/case-mix-sql.ts, fitted at import: episode_expected and
 * case_mix_fit) over the provider's episodes, with its 95 % t-interval
 * from the residuals' own SD, and the funnel plot's view of it: the standard error a provider of
 * that size would have if every difference were chance, σ/√n with σ the model's residual SD, the
 * control limits ±1.96 and ±3 of it, and z = difference / SE. Case mix beside it: mean baseline
 * and sessions, and the expected improvement itself. A provider with fewer patients than
 * minPatients keeps its n and nothing else. Ranked by difference, best first.
 */
export function providerComparisonQuery(options: ProviderComparisonOptions): QuerySpec {
	const { by, minPatients = MIN_CELL_PATIENTS } = options;
	if (by !== 'clinic' && by !== 'therapist') throw new Error(`Cannot compare by ${String(by)}.`);
	const stat = (value: string, name: string) => `${shown(value)} AS ${name}`;
	return spec(sql`
		WITH fitted AS (
			SELECT ${by}::VARCHAR AS provider, patient_no, baseline AS b, sessions AS s,
				improvement AS y, expected, improvement - expected AS residual
			FROM episode_measures JOIN measure_keys USING (measure)
				JOIN episode_expected USING (episode, measure)
			WHERE measure_keys.measure = ${val(options.measure)} AND excluded IS NULL
				AND ${where(options.filter)}
		), cm_fit AS (
			SELECT model_n, model_rank, sigma FROM case_mix_fit
			WHERE measure = ${val(options.measure)}
		), providers AS (
			SELECT provider, count(*)::INTEGER AS n,
				count(DISTINCT patient_no)::INTEGER AS patients,
				avg(y) AS observed, avg(expected) AS expected, avg(residual) AS difference,
				stddev_samp(residual) AS sd, avg(b) AS baseline_mean, avg(s) AS sessions_mean
			FROM fitted GROUP BY provider
		), judged AS (
			SELECT *, patients < ${val(minPatients)} AS suppressed, sigma / sqrt(n) AS se,
				t975(n - 1) AS t_975
			FROM providers CROSS JOIN cm_fit
		)
		SELECT provider, n, patients, suppressed,
			${stat('observed', 'observed_mean')}, ${stat('expected', 'expected_mean')},
			${stat('difference', 'difference')},
			${stat(`difference - ${tHalfWidth('n', 'sd', 't_975')}`, 'ci_low')},
			${stat(`difference + ${tHalfWidth('n', 'sd', 't_975')}`, 'ci_high')},
			${stat('se', 'se')}, ${stat(`${Z} * se`, 'limit_95')}, ${stat('3 * se', 'limit_998')},
			${stat('difference / se', 'z')},
			${stat('baseline_mean', 'baseline_mean')}, ${stat('sessions_mean', 'sessions_mean')},
			model_n, model_rank, sigma
		FROM judged
		ORDER BY suppressed, CASE WHEN NOT suppressed THEN difference END DESC NULLS LAST,
			provider NULLS LAST`);
}
