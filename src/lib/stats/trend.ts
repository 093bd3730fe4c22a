import type { QuerySpec } from '../engine/connector';

export interface TrendFilter {
	measure: string;
	/** null = all conditions */
	condition: string | null;
}

/**
 * Mean score by session number within the episode, per technique, with n, SD and a 95 % t-interval
 * (mean ± t(0.975, n−1)·SD/√n). One row per point drawn; the browser never sees session rows.
 */
export function trendQuery({ measure, condition }: TrendFilter): QuerySpec {
	const sql = `
		WITH points AS (
			SELECT s.technique::VARCHAR AS technique, s.session_no::INTEGER AS session_no,
				count(o.value)::INTEGER AS n, avg(o.value) AS mean, stddev_samp(o.value) AS sd
			FROM observations o JOIN sessions s USING (session_id)
			WHERE o.measure::VARCHAR = ? AND (?::VARCHAR IS NULL OR s.condition::VARCHAR = ?)
			GROUP BY ALL
		)
		SELECT technique, session_no, n, mean, sd,
			mean - t975(n - 1) * sd / sqrt(n) AS lo,
			mean + t975(n - 1) * sd / sqrt(n) AS hi
		FROM points
		ORDER BY technique, session_no`;
	return { sql, params: [measure, condition, condition] };
}
