import type { QuerySpec } from '../engine/engine';
import { benjaminiHochberg, techniqueModel, type ConditionOptions } from './ancova-sql';
import { spec, sql } from './sql';
import { shown } from './stats-sql';

/**
 * Every pair of techniques (a before b alphabetically) within one condition, on improvement:
 * difference of means a − b with its pooled-variance t-interval and two-sided p (df n_a + n_b − 2),
 * Hedges' g (J·difference / s_pooled, J = 1 − 3/(4(n_a + n_b) − 9)), and the baseline-adjusted
 * difference from the ANCOVA: (ȳ_a − ȳ_b) − β(x̄_a − x̄_b), SE = s·√(1/n_a + 1/n_b +
 * (x̄_a − x̄_b)²/Sxx_w), df N − G − 1. q-values (Benjamini–Hochberg) run over the pairs shown,
 * separately for raw and adjusted p. A pair with a suppressed technique keeps n_a and n_b only.
 */
export function compareQuery(options: ConditionOptions): QuerySpec {
	const raw = shown('difference');
	const rawHalf = 't975(df_pair) * se';
	const adjusted = shown('adjusted');
	const adjustedHalf = 't975(model_df) * adjusted_se';
	const query = sql`
		WITH ${techniqueModel(options)}, pairs AS (
			SELECT a.technique AS technique_a, b.technique AS technique_b, a.n AS n_a, b.n AS n_b,
				a.suppressed OR b.suppressed AS suppressed,
				a.y_mean - b.y_mean AS difference, a.x_mean - b.x_mean AS dx,
				a.n + b.n - 2 AS df_pair,
				sqrt((a.syy + b.syy) / NULLIF(a.n + b.n - 2, 0)) AS sp
			FROM judged a JOIN judged b ON a.technique < b.technique
		), tested AS (
			SELECT pairs.*, fit.model_df,
				sp * sqrt(1 / n_a + 1 / n_b) AS se,
				difference - fit.beta * dx AS adjusted,
				fit.s * sqrt(1 / n_a + 1 / n_b + dx * dx / NULLIF(fit.sxx_w, 0)) AS adjusted_se
			FROM pairs CROSS JOIN fit
		), valued AS (
			SELECT technique_a, technique_b, n_a, n_b, suppressed,
				${raw} AS difference,
				${shown(`difference - ${rawHalf}`)} AS ci_low,
				${shown(`difference + ${rawHalf}`)} AS ci_high,
				${shown('(1 - 3 / (4 * (n_a + n_b) - 9)) * difference / NULLIF(sp, 0)')} AS hedges_g,
				${shown('t_p_value(difference / NULLIF(se, 0), df_pair)')} AS p_value,
				${adjusted} AS adjusted_difference,
				${shown(`adjusted - ${adjustedHalf}`)} AS adjusted_ci_low,
				${shown(`adjusted + ${adjustedHalf}`)} AS adjusted_ci_high,
				${shown('t_p_value(adjusted / NULLIF(adjusted_se, 0), model_df)')} AS adjusted_p_value
			FROM tested
		), raw_q AS (${benjaminiHochberg('valued', 'p_value', 'q_value', 'technique_a, technique_b')}
		), both_q AS (${benjaminiHochberg('raw_q', 'adjusted_p_value', 'adjusted_q_value', 'technique_a, technique_b')})
		SELECT technique_a, technique_b, n_a, n_b, difference, ci_low, ci_high, hedges_g, p_value,
			q_value, adjusted_difference, adjusted_ci_low, adjusted_ci_high, adjusted_p_value,
			adjusted_q_value, suppressed
		FROM both_q
		ORDER BY technique_a, technique_b`;
	return spec(query);
}
