import type { QuerySpec } from '../engine/engine';
import { axisPoints, type SeriesAxis } from './patient-series';
import { MIN_CELL_PATIENTS } from './small-cells';
import { sql, spec, val } from './sql';

/** Similar baseline: within this share of the measure's scale range (1 point on 0–10). */
export const BASELINE_TOLERANCE = 0.1;
/** For a measure without a stated range: within this many SDs of the measure's baselines. */
export const BASELINE_TOLERANCE_SD = 0.5;

/**
 * What is expected of an episode, for each of its measures: the 25th, 50th and 75th percentiles
 * (linear interpolation, as R's type 7 and NumPy's default) of the scores of similar episodes at
 * each point of the axis. Similar: same condition and technique (an unrecorded one matches an
 * unrecorded one), a baseline within BASELINE_TOLERANCE of the scale range of this one's, another
 * patient. A point describing fewer than `minPatients` patients keeps its counts, no percentiles.
 */
export function expectedBandQuery({
	episode,
	axis,
	minPatients = MIN_CELL_PATIENTS
}: {
	episode: number;
	axis: SeriesAxis;
	minPatients?: number;
}): QuerySpec {
	const peerPoints = sql`episode_points JOIN peers USING (measure, episode)`;
	return spec(sql`
		WITH this AS (
			SELECT measure, condition, technique, baseline, patient_no
			FROM episode_measures WHERE episode = ${val(episode)} AND baseline IS NOT NULL
		), spread AS (
			SELECT measure, stddev_samp(baseline) AS sd FROM episode_measures GROUP BY measure
		), tolerance AS (
			SELECT this.*, coalesce(${String(BASELINE_TOLERANCE)} * (m.max - m.min),
				${String(BASELINE_TOLERANCE_SD)} * spread.sd) AS within
			FROM this JOIN spread USING (measure) LEFT JOIN measures m ON m.key = this.measure::VARCHAR
		), peers AS (
			SELECT em.measure, em.episode
			FROM episode_measures em JOIN tolerance t USING (measure)
			WHERE em.condition IS NOT DISTINCT FROM t.condition
				AND em.technique IS NOT DISTINCT FROM t.technique
				AND em.patient_no <> t.patient_no AND abs(em.baseline - t.baseline) <= t.within
		), points AS (${axisPoints(axis, peerPoints)}), cells AS (
			SELECT measure::VARCHAR AS measure, x, count(*)::INTEGER AS n,
				count(DISTINCT patient_no)::INTEGER AS patients,
				quantile_cont(value, [0.25, 0.5, 0.75]) AS q
			FROM points GROUP BY ALL
		)
		SELECT measure, x, n, patients, patients < ${val(minPatients)} AS suppressed,
			CASE WHEN patients >= ${val(minPatients)} THEN q[1] END AS q25,
			CASE WHEN patients >= ${val(minPatients)} THEN q[2] END AS median,
			CASE WHEN patients >= ${val(minPatients)} THEN q[3] END AS q75
		FROM cells ORDER BY measure, x`);
}
