import type { QuerySpec } from '../engine/engine';
import { PLANNED_SESSIONS } from './director-kpis';
import type { MeasureScope } from './options';
import { sql, spec, val, where, type Fragment } from './sql';
import { measureRows } from './stats-sql';
import { responderSql } from './summary';

/** Flags a therapist starts with (issue 12): both can be changed on the page. */
export const FLAG_DEFAULTS = { stallAfter: 4, overdueWeeks: 3 } as const;
export const PATIENT_SORTS = ['flags', 'patient', 'improvement', 'sessions', 'last_seen'] as const;
export type PatientSort = (typeof PATIENT_SORTS)[number];

export interface FlagOptions extends MeasureScope {
	/** Not progressing: this many sessions or more without an MCID-level improvement. */
	stallAfter: number;
	/** Overdue: no session for this many weeks, course unfinished (docs/therapist.md). */
	overdueWeeks: number;
	/** Responder threshold for a measure without an MCID (as the analysis page's). */
	threshold?: number | null;
}

export interface PatientListOptions extends FlagOptions {
	/** Part of a patient id, in any case; '' lists everyone. */
	search?: string;
	sort?: PatientSort;
	limit: number;
	offset?: number;
}

/** Every sort puts its most urgent rows first; ties fall back to the episode's number. */
const ORDER: Record<PatientSort, string> = {
	flags: 'flag_count DESC, weeks_since ASC NULLS LAST',
	patient: 'patient ASC',
	improvement: 'improvement ASC NULLS LAST',
	sessions: 'sessions DESC',
	last_seen: 'weeks_since ASC NULLS LAST'
};

/**
 * The episodes of care with the measure in the filter (a patient treated for two conditions has
 * two), each with three flags:
 * - not progressing: `stallAfter` sessions or more, a follow-up score, no MCID-level improvement;
 * - getting worse: the latest score worse than the first by the MCID (or the threshold), or by
 *   anything for a measure with neither;
 * - overdue: no session for `overdueWeeks` or more before the dataset's last session (the
 *   export's "today", so flags never change with the clock), fewer than the planned sessions and
 *   no MCID-level improvement yet: a course that stopped, not one completed.
 * A NULL flag is unknown (no follow-up score; no dates).
 */
function flaggedEpisodes(o: FlagOptions): Fragment {
	const responder = responderSql(o.threshold);
	const worse =
		o.threshold == null
			? sql`CASE WHEN improvement IS NULL THEN NULL
				WHEN mcid.points IS NULL AND mcid.pct IS NULL THEN improvement < 0
				ELSE coalesce(-improvement >= mcid.points, false)
					OR coalesce(-pct_improvement >= mcid.pct, false) END`
			: sql`(-improvement >= ${val(o.threshold)})`;
	return sql`
		data_end AS (
			SELECT max(start_date + days_followed) AS last_day FROM episode_measures
		), mcid AS (
			SELECT any_value(mcid_points) AS points, any_value(mcid_percent) AS pct
			FROM measures WHERE key = ${val(o.measure)}
		), scoped AS (
			SELECT *, (SELECT last_day FROM data_end) - (start_date + days_followed) AS days_since
			${measureRows('episode_measures', o.measure)} AND ${where(o.filter)}
		), flagged AS (
			SELECT episode, patient_no, therapist::VARCHAR AS therapist, condition::VARCHAR AS condition,
				technique::VARCHAR AS technique, sessions::INTEGER AS sessions,
				start_date + days_followed AS last_date, (days_since // 7)::INTEGER AS weeks_since,
				baseline, "last", improvement, ${responder} AS responder,
				CASE WHEN ${responder} IS NOT NULL
					THEN sessions >= ${val(o.stallAfter)} AND NOT ${responder} END AS not_progressing,
				${worse} AS worse,
				days_since >= 7 * ${val(o.overdueWeeks)} AND sessions < ${String(PLANNED_SESSIONS)}
					AND NOT coalesce(${responder}, false) AS overdue
			FROM scoped, mcid
		)`;
}

/**
 * How many episodes the filter holds (and how many have a first and a later score), and how many
 * carry each flag, search and page aside.
 */
export function flagCountsQuery(o: FlagOptions): QuerySpec {
	return spec(sql`
		WITH ${flaggedEpisodes(o)}
		SELECT count(*)::INTEGER AS episodes, count(DISTINCT patient_no)::INTEGER AS patients,
			count(improvement)::INTEGER AS followed_up,
			(count(*) FILTER (WHERE not_progressing))::INTEGER AS not_progressing,
			(count(*) FILTER (WHERE worse))::INTEGER AS worse,
			(count(*) FILTER (WHERE overdue))::INTEGER AS overdue,
			(count(*) FILTER (WHERE not_progressing OR worse OR overdue))::INTEGER AS any_flag
		FROM flagged`);
}

/**
 * One page of the therapist's list, sorted in SQL, each row with its patient's id, and `found`:
 * how many rows the search matched in all.
 */
export function patientListQuery(o: PatientListOptions): QuerySpec {
	return spec(sql`
		WITH ${flaggedEpisodes(o)}, found AS (
			SELECT f.*, p.patient, count(*) OVER () AS found,
				coalesce(not_progressing, false)::INTEGER + coalesce(worse, false)::INTEGER
					+ coalesce(overdue, false)::INTEGER AS flag_count
			FROM flagged f JOIN (SELECT episode, patient FROM sessions WHERE session_no = 1) p
				USING (episode)
			WHERE contains(lower(p.patient), lower(${val(o.search ?? '')}))
		)
		SELECT episode, patient, therapist, condition, technique, sessions, last_date, weeks_since,
			baseline, "last", improvement, responder, not_progressing, worse, overdue,
			found::INTEGER AS found
		FROM found ORDER BY ${ORDER[o.sort ?? 'flags']}, episode
		LIMIT ${val(o.limit)} OFFSET ${val(o.offset ?? 0)}`);
}
