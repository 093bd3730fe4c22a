import type { QuerySpec } from '../engine/engine';
import { listPlaceholder, sql, spec, val, type Fragment } from './sql';

/** Where a patient's scores sit along x: the dataset's session (or visit) number, or weeks. */
export type SeriesAxis = 'time' | 'week';

/**
 * One episode's point on the axis: its session's score, or on weeks the mean of the week's
 * scores (two sessions in one week are one point, as the expected band counts them).
 */
export const axisPoints = (axis: SeriesAxis, from: Fragment): Fragment =>
	axis === 'week'
		? sql`SELECT measure, episode, patient_no, week::DOUBLE AS x, avg(value) AS value
			FROM ${from} GROUP BY ALL`
		: sql`SELECT measure, episode, patient_no, "time" AS x, value FROM ${from}`;

/**
 * The scores of some episodes along the axis, for every measure or one: what sparklines, the
 * compared trajectories and the patient page draw, with each episode's patient and condition.
 * Episodes are bound, in slots (sql.ts).
 */
export function episodeSeriesQuery({
	episodes,
	measure = null,
	axis
}: {
	episodes: readonly number[];
	measure?: string | null;
	axis: SeriesAxis;
}): QuerySpec {
	if (!episodes.length) throw new Error('No episode to draw: leave the query out');
	const chosen = listPlaceholder(episodes, 'items');
	const measureIs = measure === null ? sql`TRUE` : sql`measure::VARCHAR = ${val(measure)}`;
	const rows = sql`episode_points WHERE episode IN (${chosen}) AND ${measureIs}`;
	return spec(sql`
		SELECT episode, s.patient, s.condition::VARCHAR AS condition, measure::VARCHAR AS measure,
			x, value
		FROM (${axisPoints(axis, rows)})
		JOIN (SELECT episode, patient, condition FROM sessions
			WHERE session_no = 1 AND episode IN (${chosen})) s USING (episode)
		ORDER BY measure, episode, x`);
}

/** The patient's episodes of care, whoever treated them, oldest first. */
export function patientEpisodesQuery(patient: string): QuerySpec {
	return spec(sql`
		SELECT episode, any_value(condition)::VARCHAR AS condition,
			any_value(technique)::VARCHAR AS technique, mode(therapist)::VARCHAR AS therapist,
			mode(clinic)::VARCHAR AS clinic, count(*)::INTEGER AS sessions,
			min(session_date) AS first_date, max(session_date) AS last_date
		FROM sessions WHERE patient = ${val(patient)}
		GROUP BY episode ORDER BY first_date NULLS LAST, episode`);
}

/** The patient's session notes, as written (displayed as plain text, never as markup). */
export function sessionNotesQuery(patient: string): QuerySpec {
	return spec(sql`
		SELECT episode, session_no::INTEGER AS session_no, session_date, notes
		FROM sessions WHERE patient = ${val(patient)} AND trim(coalesce(notes, '')) <> ''
		ORDER BY episode, session_no`);
}
