import type { QuerySpec } from '../engine/engine';
import type { MeasureScope } from './options';
import { spec, sql, val, where } from './sql';
import { measureRows, wilson } from './stats-sql';
import { responderSql } from './summary';

/** Sessions a course is planned to take, unless a clinic says otherwise (docs/analysis.md). */
export const PLANNED_SESSIONS = 6;
/** An episode with no session for this many days before the dataset's last one has ended. */
export const ENDED_AFTER_DAYS = 28;

export interface KpiOptions extends MeasureScope {
	plannedSessions?: number;
	/** The page's responder threshold (for a measure without an MCID), as summaryQuery takes it. */
	threshold?: number | null;
}

/**
 * The director's headline counts for the filter, over every episode with the measure (included
 * or not): episodes, distinct patients, sessions attended, the median sessions per episode, the
 * follow-up rate (episodes with the measure at baseline and at a later session, the ones change
 * statistics describe) and dropout: among episodes that have ended (their last session
 * ENDED_AFTER_DAYS or more before the dataset's last), those that stopped before the planned
 * course without a clinically important improvement (the MCID, or the page's threshold; with
 * neither, every early stop counts). Both rates with Wilson intervals. Without
 * dates (a visit-numbered export) no episode is known to have ended: dropout is NULL.
 */
export function kpiQuery({
	measure,
	filter,
	plannedSessions = PLANNED_SESSIONS,
	threshold = null
}: KpiOptions): QuerySpec {
	// No episodes, no rate: greatest() and least() would turn the interval's NULLs into 0 and 1.
	const known = (n: string, end: string) => `CASE WHEN ${n} > 0 THEN ${end} END`;
	const followUp = wilson('follow_up_rate', 'episodes::DOUBLE');
	const dropout = wilson('dropout_rate', 'ended::DOUBLE');
	return spec(sql`
		WITH data_end AS (
			SELECT max(start_date + days_followed) AS last_day FROM episode_measures
		), scope AS (
			SELECT patient_no, sessions, excluded, ${responderSql(threshold)} AS responder,
				start_date + days_followed
					<= (SELECT last_day FROM data_end) - ${String(ENDED_AFTER_DAYS)} AS ended
			${measureRows('episode_measures', measure)} AND ${where(filter)}
		), counts AS (
			SELECT count(*)::INTEGER AS episodes, count(DISTINCT patient_no)::INTEGER AS patients,
				coalesce(sum(sessions), 0)::INTEGER AS sessions,
				median(sessions)::DOUBLE AS median_sessions,
				(count(*) FILTER (WHERE excluded IS NULL))::INTEGER AS followed_up,
				(count(*) FILTER (WHERE ended))::INTEGER AS ended,
				(count(*) FILTER (WHERE ended AND sessions < ${val(plannedSessions)}
					AND NOT coalesce(responder, false)))::INTEGER AS dropouts
			FROM scope
		), rates AS (
			SELECT *, followed_up / NULLIF(episodes, 0)::DOUBLE AS follow_up_rate,
				dropouts / NULLIF(ended, 0)::DOUBLE AS dropout_rate
			FROM counts
		)
		SELECT episodes, patients, sessions, median_sessions, followed_up, follow_up_rate,
			${known('episodes', followUp.low)} AS follow_up_ci_low,
			${known('episodes', followUp.high)} AS follow_up_ci_high,
			ended, dropouts, dropout_rate,
			${known('ended', dropout.low)} AS dropout_ci_low,
			${known('ended', dropout.high)} AS dropout_ci_high
		FROM rates`);
}
