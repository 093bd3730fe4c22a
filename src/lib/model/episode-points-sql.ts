import { improvementSql } from './episode-measures-sql';
import type { SourceTables } from './episodes-sql';
import { PATIENT_FLAGS } from './patient-flags';

/**
 * The trend pre-aggregate: one row per episode × measure × point on the dataset's time axis,
 * carrying the episode's filter fields and its change from baseline, so a trend is one GROUP BY
 * over a narrow table instead of sessions ⋈ observations at every filter change.
 *
 * Why rows per episode and not a cube of sums: small cells are judged by distinct patients, which
 * cannot be added up across cube cells; a cube would have to count episodes instead, letting five
 * episodes of two people pass as five. Measured at 1M sessions it was also barely smaller (issue 11).
 *
 * `change` is (value − baseline) × direction — improvement so far, NULL without a baseline — the
 * paired trend's quantity. `week` is whole weeks since the episode's first session.
 *
 * Built one measure at a time (`create`, then `insert` with each measure key bound, in the
 * measure column's order): the table comes out sorted by measure, which lets a chart skip the
 * other measures' row groups, without sorting it whole — at 10M sessions a single statement's
 * joins and sort over 30M points ran out of the wasm heap.
 */
export function episodePointsSql(
	src: SourceTables,
	episodeMeasures: string,
	out: string
): { create: string; insert: string } {
	const time = `CASE WHEN (SELECT any_value(time_axis) FROM ${src.datasetInfo}) = 'visit'
		THEN s.visit ELSE s.session_no END::DOUBLE`;
	const select = (measureIs: string) => `
	WITH point_values AS (
		-- No grouping needed: a session is one point of its episode (session numbers and visit
		-- numbers are unique within an episode; duplicates were rejected at import), and has at
		-- most one score per measure.
		SELECT s.episode, o.measure, ${time} AS "time", s.days // 7 AS week, o.value
		FROM ${src.observations} o JOIN ${src.sessions} s USING (session_id)
		WHERE ${measureIs}
	)
	SELECT em.measure, em.episode, em.patient_no, em.clinic, em.therapist, em.condition,
		em.technique, em.age_band, em.sex, em.length_band, em.sessions, em.start_date,
		${PATIENT_FLAGS.map((f) => `em.${f.column}`).join(', ')},
		p."time", p.week::INTEGER AS week, p.value,
		${improvementSql('em.better', 'em.baseline', 'p.value')} AS change
	FROM point_values p JOIN ${episodeMeasures} em USING (episode, measure)
	WHERE p."time" IS NOT NULL`;
	return {
		create: `CREATE OR REPLACE TABLE ${out} AS ${select('FALSE')}`,
		insert: `INSERT INTO ${out} ${select('o.measure = ?')}`
	};
}
