import type { GroupField } from '../stats/group-fields';
import { PATIENT_FLAGS } from './patient-flags';

/**
 * The fields the cube keeps: every filter of the page but the date range and sessions attended,
 * whose many values would make it nearly as long as episode_measures.
 */
export const CUBE_FIELDS: readonly GroupField[] = [
	'condition',
	'technique',
	'clinic',
	'therapist',
	'age_band',
	'sex',
	'length_band'
];

export const isCubeField = (field: string): boolean =>
	(CUBE_FIELDS as readonly string[]).includes(field);

/**
 * The patient flags a cube row carries: every one. The matrix counts with those on its fields;
 * the filter chips (stats/chip-counts.ts) with single_episode, whose others are every returning
 * patient's episodes (10M synthetic sessions: 528k of 1.19M pain episodes).
 */
export const CUBE_FLAGS = PATIENT_FLAGS;

/**
 * The matrix's pre-aggregate: included episodes (baseline and follow-up) summed per measure and
 * every combination of CUBE_FIELDS — counts, sums and sums of squares, so a mean, SD and interval
 * over any set of rows come from adding rows up. 1M synthetic sessions: 126k pain episodes, 33k
 * cube rows; the number of combinations, not of episodes, bounds it, so it grows far slower than
 * the data (stats/summary-cube.ts reads it; the page's default view is answered from it).
 *
 * Distinct patients cannot be added across rows, so each flag of CUBE_FLAGS (model/
 * patient-flags.ts) keeps its count of flagged episodes — one patient each in any grouping by the
 * flag's fields — and the patient numbers of the unflagged rest, counted distinct when read.
 * Sorted by measure, so a chart reads only its measure's row groups.
 */
export function episodeCubeSql(episodeMeasures: string, out: string): string {
	const flags = CUBE_FLAGS.map(
		({ column }) => `(count(*) FILTER (WHERE ${column}))::INTEGER AS ${column},
			list(patient_no) FILTER (WHERE NOT ${column}) AS ${column}_others`
	);
	return `CREATE OR REPLACE TABLE ${out} AS
		SELECT measure, ${CUBE_FIELDS.join(', ')},
			count(*)::INTEGER AS n,
			sum(baseline) AS baseline_sum,
			sum(improvement) AS improvement_sum,
			sum(improvement * improvement) AS improvement_squares,
			count(responder)::INTEGER AS responder_known,
			(count(*) FILTER (WHERE responder))::INTEGER AS responders,
			count(target_met)::INTEGER AS target_known,
			(count(*) FILTER (WHERE target_met))::INTEGER AS target_met_n,
			${flags.join(',\n\t\t\t')}
		FROM ${episodeMeasures}
		WHERE excluded IS NULL
		GROUP BY ALL
		ORDER BY measure`;
}
