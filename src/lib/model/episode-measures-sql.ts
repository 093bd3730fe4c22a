import type { QuerySpec } from '../engine/engine';
import type { SourceTables } from './episodes-sql';
import { PATIENT_FLAGS, patientFlagsSql } from './patient-flags';
import { DEFAULT_TARGETS, THRESHOLD_SLACK } from './targets';

/**
 * A change signed so positive is better, always. Subtracted in the measure's direction rather
 * than multiplied by −1, which would turn "no change" into −0.
 */
export const improvementSql = (better: string, from: string, to: string) =>
	`CASE ${better} WHEN 'higher' THEN ${to} - ${from} ELSE ${from} - ${to} END`;

/**
 * One row per episode × measure (domain.md, Statistics): baseline = the value at session 1,
 * last = the last value after it, improvement signed so positive is better, the responder flag
 * from the dataset's own registry MCID (points, or % of baseline; either suffices) and the
 * default target state. An episode without a baseline or a follow-up is kept with its reason in
 * `excluded`, so it is counted and shown, never silently lost. Sorted by measure and condition:
 * every analysis picks one measure, and DuckDB then skips the other row groups.
 * The patient flags (patient-flags.ts) let distinct patients be counted hashing few rows.
 */
export function episodeMeasuresSql(src: SourceTables, episodes: string, out: string): QuerySpec {
	const targets = Object.entries(DEFAULT_TARGETS);
	const targetRows = targets.map(() => '(?::VARCHAR, ?::DOUBLE)').join(', ');
	const sql = `
	CREATE OR REPLACE TABLE ${out} AS
	WITH point_values AS (
		SELECT s.episode, o.measure, s.session_no, o.value
		FROM ${src.observations} o JOIN ${src.sessions} s USING (session_id)
	), ends AS (
		SELECT episode, measure,
			any_value(value) FILTER (WHERE session_no = 1) AS baseline,
			arg_max(value, session_no) FILTER (WHERE session_no > 1) AS "last"
		FROM point_values GROUP BY ALL
	), targets(key, target) AS (
		SELECT * FROM (VALUES ${targetRows || '(NULL::VARCHAR, NULL::DOUBLE)'})
	), flagged AS (
		-- judged is every episode × every measure: a patient's episodes with a measure are all
		-- their episodes, so the flags' windows run over episodes, not over episodes × measures.
		SELECT *, ${patientFlagsSql(PATIENT_FLAGS, 'count(*)', ['patient_no'])} FROM ${episodes}
	), judged AS (
		SELECT e.*, ms.measure, m.better, m.mcid_points, m.mcid_percent, t.target,
			ends.baseline, ends."last", ends."last" - ends.baseline AS change,
			${improvementSql('m.better', 'ends.baseline', 'ends."last"')} AS improvement
		FROM flagged e
		CROSS JOIN (SELECT DISTINCT measure FROM ${src.observations}) ms
		JOIN ${src.measures} m ON m.key = ms.measure::VARCHAR
		LEFT JOIN ends ON ends.episode = e.episode AND ends.measure = ms.measure
		LEFT JOIN targets t ON t.key = m.key
	)
	SELECT episode, patient_no, clinic, therapist, condition, technique, age_band, sex, minutes,
		length_band, sessions, days_followed, start_date, measure, better, baseline, "last", change,
		improvement,
		CASE WHEN baseline <> 0 THEN 100 * improvement / abs(baseline) END AS pct_improvement,
		CASE WHEN improvement IS NOT NULL AND (mcid_points IS NOT NULL OR mcid_percent IS NOT NULL)
			THEN coalesce(improvement >= mcid_points - ${THRESHOLD_SLACK}, false)
				OR coalesce(baseline <> 0 AND 100 * improvement / abs(baseline) >= mcid_percent - ${THRESHOLD_SLACK}, false)
		END AS responder,
		CASE WHEN improvement IS NOT NULL AND target IS NOT NULL THEN
			CASE better WHEN 'higher' THEN "last" >= target - ${THRESHOLD_SLACK}
				ELSE "last" <= target + ${THRESHOLD_SLACK} END
		END AS target_met,
		-- An ENUM: every chart tests it for NULL, which on text cost ~2.5 ms a query at 1M sessions.
		(CASE WHEN baseline IS NULL THEN 'no baseline' WHEN "last" IS NULL THEN 'no follow-up' END)
			::ENUM('no baseline', 'no follow-up') AS excluded,
		${PATIENT_FLAGS.map((f) => f.column).join(', ')}
	FROM judged
	-- Excluded episodes together within each measure: excludedQuery reads only their row groups
	-- (10M sessions, Node duckdb-wasm: 23 → 13 ms), the other charts skip them. Then by episode:
	-- the order is the plan's no more, nor the patient lists and float sums built from it.
	ORDER BY measure, excluded NULLS FIRST, condition, episode`;
	return { sql, params: targets.flat() };
}
