import type { QuerySpec } from '../engine/engine';

export interface TrendFilter {
	measure: string;
	/** The sessions column along which scores are followed (see dataset_info.time_axis). */
	axis?: 'session_no' | 'visit';
	/** null = all conditions */
	condition: string | null;
}

/**
 * Mean score by session number within the episode (or by the source's visit or week), per technique, with n, SD and a 95 % t-interval
 * (mean ± t(0.975, n−1)·SD/√n). One row per point drawn; the browser never sees session rows.
 */
export function trendQuery({ measure, condition, axis = 'session_no' }: TrendFilter): QuerySpec {
	const time = axis === 'visit' ? 's.visit::DOUBLE' : 's.session_no::DOUBLE';
	const sql = `
		WITH points AS (
			SELECT coalesce(s.technique::VARCHAR, '(technique not recorded)') AS technique, ${time} AS "time",
				count(o.value)::INTEGER AS n, avg(o.value) AS mean, stddev_samp(o.value) AS sd
			FROM observations o JOIN sessions s USING (session_id)
			WHERE o.measure::VARCHAR = ? AND (?::VARCHAR IS NULL OR s.condition::VARCHAR = ?)
				AND ${time} IS NOT NULL
			GROUP BY ALL
		)
		SELECT technique, "time", n, mean, sd,
			mean - t975(n - 1) * sd / sqrt(n) AS lo,
			mean + t975(n - 1) * sd / sqrt(n) AS hi
		FROM points
		ORDER BY technique, "time"`;
	return { sql, params: [measure, condition, condition] };
}
