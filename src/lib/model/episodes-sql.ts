/** The canonical tables a derived table reads: the loaded ones, or those of a build in progress. */
export interface SourceTables {
	sessions: string;
	observations: string;
	measures: string;
	datasetInfo: string;
}

/** Nearest of the lengths sessions are booked in (15/30/45/60 min; 60 includes longer). */
const LENGTH_BAND = `CASE WHEN minutes IS NULL THEN NULL WHEN minutes < 23 THEN 15
	WHEN minutes < 38 THEN 30 WHEN minutes < 53 THEN 45 ELSE 60 END::USMALLINT`;

/**
 * One row per episode of care with what every analysis filters and groups by. Categories keep
 * their ENUM types (mode and any_value return their argument's type). Clinic, therapist, age band
 * and sex are the episode's most frequent value: a rare mid-course change does not split it.
 * Patients get a dense integer so distinct counts over millions of rows stay cheap.
 */
export function episodesSql(src: SourceTables): string {
	return `
	WITH patient_numbers AS (
		SELECT patient, (row_number() OVER (ORDER BY patient))::INTEGER AS patient_no
		FROM (SELECT DISTINCT patient FROM ${src.sessions})
	), episodes AS (
		SELECT s.episode, any_value(p.patient_no) AS patient_no,
			mode(s.clinic) AS clinic, mode(s.therapist) AS therapist,
			any_value(s.condition) AS condition, any_value(s.technique) AS technique,
			mode(s.age_band) AS age_band, mode(s.sex) AS sex,
			mode(s.minutes)::USMALLINT AS minutes, count(*)::USMALLINT AS sessions,
			(max(s.days) - min(s.days))::INTEGER AS days_followed, min(s.session_date) AS start_date
		FROM ${src.sessions} s JOIN patient_numbers p USING (patient)
		GROUP BY s.episode
	)
	SELECT episode, patient_no, clinic, therapist, condition, technique, age_band, sex, minutes,
		${LENGTH_BAND} AS length_band, sessions, days_followed, start_date
	FROM episodes`;
}
