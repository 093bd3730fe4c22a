import { CUBES } from './episode-cube-sql';
import { patientFlagFor } from './patient-flags';

/** The trend cube's fields: the pooled episode cube's (every cube field but the therapist). */
export const TREND_CUBE_FIELDS = CUBES[0]!.fields;

/** The flag of a trend's grouping: series and facet are always condition and technique. */
export const TREND_CUBE_FLAG = patientFlagFor(['condition', 'technique']).column;

/** What a trend point averages: the change from baseline (paired) or the score (raw). */
export const TREND_KINDS = { paired: 'change', raw: 'value' } as const;

/**
 * The trend's pre-aggregate on the session (or visit) axis: episode_points summed per measure,
 * TREND_CUBE_FIELDS and time point, for each kind its count, sum and sum of squares (a mean, SD
 * and t-interval over any set of rows come from adding rows up), and distinct patients kept
 * exact as in episode_cube: the points flagged for condition × technique counted (one patient
 * each in a trend cell), the other points' patient numbers listed. Pooling therapists is what
 * makes it small: 10M synthetic sessions, 19.5M points → 405k rows (5 s to build in Node),
 * and the default trend 302 → 29 ms. Weeks since baseline are not in it: a week first averages
 * each episode's sessions in it, a grouping of every point that ran out of the wasm heap at 10M;
 * that axis reads the points.
 */
export function trendCubeSql(episodePoints: string, out: string): string {
	const stats = Object.values(TREND_KINDS).map(
		(k) => `count(${k})::INTEGER AS ${k}_n, sum(${k}) AS ${k}_sum, sum(${k} * ${k}) AS ${k}_squares,
			(count(${k}) FILTER (WHERE ${TREND_CUBE_FLAG}))::INTEGER AS ${k}_alone,
			list(patient_no) FILTER (WHERE ${k} IS NOT NULL AND NOT ${TREND_CUBE_FLAG}) AS ${k}_others`
	);
	return `CREATE OR REPLACE TABLE ${out} AS
		SELECT measure, ${TREND_CUBE_FIELDS.join(', ')}, "time",
			${stats.join(',\n\t\t\t')}
		FROM ${episodePoints}
		WHERE "time" IS NOT NULL
		GROUP BY ALL
		ORDER BY measure`;
}
