import type { LocalEngine } from '../engine/engine';

/** Up to this df the finite series below runs (≤ 500 terms); above it, the y-series. */
const FINITE_MAX_DF = 1000;
/** Above FINITE_MAX_DF, P(|T| > 12) < 5e-31: p is 0 to every digit a double can show beside 1. */
const LARGE_DF_MAX_T = 12;

/**
 * Installs `t_p_value(t, df)`: the two-sided p-value P(|T| ≥ |t|) of Student's t with integer
 * df ≥ 1 (every df here is a count: n − 2, N − G − 1). DuckDB has no t CDF.
 *
 * df ≤ 1000: the exact finite series for integer df (Abramowitz & Stegun 26.7.3–4), θ =
 * atan(|t|/√ν), x = cos²θ:
 *   even ν: A = sinθ · Σ_{k=0}^{ν/2−1} c_k x^k,                   c_k = Π_{j≤k} (2j−1)/(2j)
 *   odd ν:  A = (2/π)(θ + sinθ·cosθ · Σ_{k=0}^{(ν−3)/2} d_k x^k), d_k = Π_{j≤k} 2j/(2j+1)
 *   p = 1 − A.
 * Its ν/2 terms cost ~0.2 s per p-value at df 10⁶, so above 1000 A = I_y(½, ν/2), y = t²/(ν+t²),
 * by its hypergeometric series (DLMF 8.17.8): A = 2√y (1−y)^{ν/2} Γ(ν/2+½)/(√π Γ(ν/2)) ·
 * Σ_n (ν/2+½)_n/(3/2)_n yⁿ, whose terms peak near n = t²/2 and fall off like a Poisson tail:
 * 60 + t² terms leave < 1e-28 of it for |t| ≤ 12. Γ(z+½)/Γ(z) = √z(1 − 1/(8z) + …) to z⁻⁶ is
 * exact to 1e-22 at z > 500 (checked with mpmath), (1−y)^{ν/2} = exp(−ν/2·log1p(t²/ν)) with
 * log1p as ln(w)·u/(w−1), w = 1 + u (Goldberg), so no lgamma of a huge argument loses digits.
 *
 * Sums run in Horner form (1 + x·r₁(1 + x·r₂(…))): no coefficient is formed, rounding stays near
 * 1e-15. The factors x·r_k are made by list_transform and only then folded: list_reduce with an
 * initial value reads a column captured in its lambda from the wrong row when the lists'
 * lengths differ (duckdb/duckdb#25816, open; reproduced here on 1.4.3: 2,151 of 3,000 rows
 * wrong), while list_transform's captures are right. p is accurate in absolute terms (~1e-14,
 * tests hold it to SciPy within 1e-13); a p below that reads as about 0, which every display
 * shows as "< 0.001" anyway.
 */
export async function installTDistribution(db: LocalEngine): Promise<void> {
	await db.query({
		sql: `
		CREATE OR REPLACE MACRO t_horner(t_factors_) AS
			list_reduce(t_factors_, lambda t_acc_, t_f_: 1 + t_f_ * t_acc_, 1.0::DOUBLE);
		CREATE OR REPLACE MACRO t_series_sum(t_x_, t_m_, t_even_) AS t_horner(
			list_transform(range(t_m_::BIGINT - 1, 0, -1), lambda t_k_: t_x_ * CASE WHEN t_even_
				THEN (2 * t_k_ - 1) / (2 * t_k_) ELSE (2 * t_k_) / (2 * t_k_ + 1) END::DOUBLE));
		CREATE OR REPLACE MACRO t_finite_area(t_a_, t_v_) AS CASE
			WHEN t_v_ % 2 = 0 THEN (t_a_ / sqrt(t_v_ + t_a_ * t_a_))
				* t_series_sum(t_v_ / (t_v_ + t_a_ * t_a_), t_v_ // 2, TRUE)
			WHEN t_v_ = 1 THEN 2 / pi() * atan(t_a_)
			ELSE 2 / pi() * (atan2(t_a_, sqrt(t_v_)) + (t_a_ * sqrt(t_v_) / (t_v_ + t_a_ * t_a_))
				* t_series_sum(t_v_ / (t_v_ + t_a_ * t_a_), (t_v_ - 1) // 2, FALSE))
		END;
		CREATE OR REPLACE MACRO t_log1p(t_u_) AS CASE
			WHEN 1 + t_u_ = 1 THEN t_u_ ELSE ln(1 + t_u_) * t_u_ / ((1 + t_u_) - 1) END;
		CREATE OR REPLACE MACRO t_gamma_half_ratio(t_z_) AS sqrt(t_z_) * (1 - 1 / (8 * t_z_)
			+ 1 / (128 * t_z_ ^ 2) + 5 / (1024 * t_z_ ^ 3) - 21 / (32768 * t_z_ ^ 4)
			- 399 / (262144 * t_z_ ^ 5) + 869 / (4194304 * t_z_ ^ 6));
		CREATE OR REPLACE MACRO t_large_area(t_a_, t_v_, t_y_) AS
			2 * sqrt(t_y_) * exp(-t_v_ / 2 * t_log1p(t_a_ * t_a_ / t_v_))
			* t_gamma_half_ratio(t_v_ / 2) / sqrt(pi())
			* t_horner(list_transform(range(60 + ceil(t_a_ * t_a_)::BIGINT, 0, -1),
				lambda t_n_: t_y_ * (t_v_ / 2 - 0.5 + t_n_) / (0.5 + t_n_)));
		CREATE OR REPLACE MACRO t_upper_area(t_a_, t_v_) AS CASE
			WHEN t_v_ <= ${FINITE_MAX_DF} THEN t_finite_area(t_a_, t_v_)
			WHEN t_a_ > ${LARGE_DF_MAX_T} THEN 1.0
			ELSE t_large_area(t_a_, t_v_, t_a_ * t_a_ / (t_v_ + t_a_ * t_a_))
		END;
		CREATE OR REPLACE MACRO t_p_value(t_t_, t_df_) AS CASE
			WHEN t_t_ IS NULL OR t_df_ IS NULL OR t_df_ < 1 OR isnan(t_t_::DOUBLE) THEN NULL
			WHEN isinf(t_t_::DOUBLE) THEN 0.0::DOUBLE
			ELSE greatest(0.0, least(1.0, 1 - t_upper_area(abs(t_t_::DOUBLE), t_df_::BIGINT::DOUBLE)))
		END;`
	});
}
