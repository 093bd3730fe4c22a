import type { QuerySpec } from '../engine/engine';
import { techniqueModel, type ConditionOptions } from './ancova-sql';
import { spec, sql } from './sql';
import { shown, tHalfWidth } from './stats-sql';

/**
 * The forest plot's rows: per technique within the condition, the raw mean improvement with its
 * t-interval (df n − 1), and the ANCOVA least-squares mean at the condition's mean baseline x̄
 * (over the episodes the model is fitted on): ȳ_g − β(x̄_g − x̄), SE = s·√(1/n_g + (x̄_g − x̄)²/Sxx_w),
 * t-interval with df N − G − 1. A suppressed technique keeps n and patients only.
 */
export function adjustedMeansQuery(options: ConditionOptions): QuerySpec {
	const half = tHalfWidth('n', 'y_sd');
	const adjustedHalf = 't975(model_df) * adjusted_se';
	const query = sql`
		WITH ${techniqueModel(options)}, adjusted AS (
			SELECT judged.*, fit.model_df,
				y_mean - fit.beta * (x_mean - fit.x_grand) AS adjusted,
				fit.s * sqrt(1 / n + pow(x_mean - fit.x_grand, 2) / NULLIF(fit.sxx_w, 0)) AS adjusted_se
			FROM judged CROSS JOIN fit
		)
		SELECT technique, n, patients, suppressed,
			${shown('y_mean')} AS mean,
			${shown(`y_mean - ${half}`)} AS ci_low,
			${shown(`y_mean + ${half}`)} AS ci_high,
			${shown('adjusted')} AS adjusted_mean,
			${shown(`adjusted - ${adjustedHalf}`)} AS adjusted_ci_low,
			${shown(`adjusted + ${adjustedHalf}`)} AS adjusted_ci_high
		FROM adjusted
		ORDER BY technique`;
	return spec(query);
}
