import type { LocalEngine } from '../engine/engine';

/**
 * Installs `t_p_value(t, df)`: the two-sided p-value P(|T| ≥ |t|) of Student's t with integer
 * df ≥ 1 (every df here is a count: n − 2, N − G − 1). DuckDB has no t CDF, so this is the exact
 * finite series for integer df (Abramowitz & Stegun 26.7.3–4), with θ = atan(|t|/√ν), x = cos²θ:
 *   even ν: A = sinθ · Σ_{k=0}^{ν/2−1} c_k x^k,           c_k = Π_{j≤k} (2j−1)/(2j)
 *   odd ν:  A = (2/π)(θ + sinθ·cosθ · Σ_{k=0}^{(ν−3)/2} d_k x^k), d_k = Π_{j≤k} 2j/(2j+1)
 *   p = 1 − A.
 * The sums run in Horner form (1 + x·r₁(1 + x·r₂(…))) with list_reduce over k = m−1 … 1, so
 * no coefficient is formed at all: lgamma/exp would lose ~1e-11 at df 5000 (lgamma ≈ 17,000),
 * Horner keeps rounding near 1e-15. p is accurate in absolute terms (~1e-13); a p below ~1e-13
 * has no correct digits (1 − A cancels) and reads as about 0, which every display rounds to
 * "< 0.001" anyway. sinθ and cosθ come from t and ν directly rather than through trig calls.
 * The factors x·r_k are made by list_transform and only then folded: list_reduce with an initial
 * value reads a column captured in its lambda from the wrong row when the lists' lengths differ
 * (duckdb/duckdb#25816, open; reproduced here on 1.4.3 — 2,151 of 3,000 rows wrong), while
 * list_transform's captures are right.
 */
export async function installTDistribution(db: LocalEngine): Promise<void> {
	await db.query({
		sql: `
		CREATE OR REPLACE MACRO t_series_sum(t_x_, t_m_, t_even_) AS list_reduce(
			list_transform(range(t_m_::BIGINT - 1, 0, -1), lambda t_k_: t_x_ * CASE WHEN t_even_
				THEN (2 * t_k_ - 1) / (2 * t_k_) ELSE (2 * t_k_) / (2 * t_k_ + 1) END::DOUBLE),
			lambda t_acc_, t_f_: 1 + t_f_ * t_acc_,
			1.0::DOUBLE);
		CREATE OR REPLACE MACRO t_upper_area(t_a_, t_v_) AS CASE
			WHEN t_v_ % 2 = 0 THEN (t_a_ / sqrt(t_v_ + t_a_ * t_a_))
				* t_series_sum(t_v_ / (t_v_ + t_a_ * t_a_), t_v_ // 2, TRUE)
			WHEN t_v_ = 1 THEN 2 / pi() * atan(t_a_)
			ELSE 2 / pi() * (atan2(t_a_, sqrt(t_v_)) + (t_a_ * sqrt(t_v_) / (t_v_ + t_a_ * t_a_))
				* t_series_sum(t_v_ / (t_v_ + t_a_ * t_a_), (t_v_ - 1) // 2, FALSE))
		END;
		CREATE OR REPLACE MACRO t_p_value(t_t_, t_df_) AS CASE
			WHEN t_t_ IS NULL OR t_df_ IS NULL OR t_df_ < 1 OR isnan(t_t_::DOUBLE) THEN NULL
			WHEN isinf(t_t_::DOUBLE) THEN 0.0::DOUBLE
			ELSE greatest(0.0, least(1.0, 1 - t_upper_area(abs(t_t_::DOUBLE), t_df_::BIGINT::DOUBLE)))
		END;`
	});
}
