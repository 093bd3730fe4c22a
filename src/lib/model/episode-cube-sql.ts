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

/** A cube table and the fields it keeps (every one of them a field of CUBE_FIELDS). */
export interface Cube {
	table: 'episode_cube' | 'episode_cube_pooled' | 'trend_cube';
	fields: readonly GroupField[];
}

/**
 * The cubes, smallest first. Therapists multiply the rows most (10M synthetic sessions: 384k pain
 * rows with them, 17k without), and most views filter no therapist, so a second cube pools them,
 * as Mosaic's data-cube indexes keep only the fields a view filters: read for such views, it
 * cut the matrix and the chips to a third (Node duckdb-wasm, 10M sessions, p50: 42 → 17 and
 * 52 → 18 ms).
 * The patient-number lists, not the rows, are what is left of their cost.
 */
export const CUBES: readonly Cube[] = [
	{ table: 'episode_cube_pooled', fields: CUBE_FIELDS.filter((f) => f !== 'therapist') },
	{ table: 'episode_cube', fields: CUBE_FIELDS }
];

/** The smallest cube keeping every field named (all of them cube fields: see isCubeField). */
export function cubeFor(fields: readonly string[]): Cube {
	const cube = CUBES.find((c) => fields.every((f) => (c.fields as readonly string[]).includes(f)));
	if (!cube)
		throw new Error(`The cubes have no ${fields.filter((f) => !isCubeField(f)).join(', ')}`);
	return cube;
}

/**
 * The patient flags a cube row carries: every one. The matrix counts with those on its fields;
 * the filter chips (stats/chip-counts.ts) with single_episode, whose others are every returning
 * patient's episodes (10M synthetic sessions: 528k of 1.19M pain episodes).
 */
export const CUBE_FLAGS = PATIENT_FLAGS;

/**
 * The matrix's pre-aggregate: included episodes (baseline and follow-up) summed per measure and
 * every combination of CUBE_FIELDS — counts, sums and sums of squares, so a mean, SD and interval
 * over any set of rows come from adding rows up (and, with the baseline's squares and products,
 * the ANCOVA of the forest plot and comparisons: stats/ancova-sql.ts). 1M synthetic sessions:
 * 126k pain episodes, 33k cube rows; the number of combinations, not of episodes, bounds it, so
 * it grows far slower than the data (stats/summary-cube.ts reads it; the page's default view is
 * answered from it).
 *
 * Distinct patients cannot be added across rows, so each flag of CUBE_FLAGS (model/
 * patient-flags.ts) keeps its count of flagged episodes — one patient each in any grouping by the
 * flag's fields — and the patient numbers of the unflagged rest, counted distinct when read.
 * Sorted by measure, so a chart reads only its measure's row groups.
 */
function fullCubeSql(episodeMeasures: string, out: string): string {
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
			sum(baseline * baseline) AS baseline_squares,
			sum(baseline * improvement) AS baseline_improvement,
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

/**
 * A smaller cube added up from the full one: its rows summed over the fields it drops. A flag's
 * count stays exact (a flagged episode is one patient in any grouping by the flag's fields, which
 * every cube keeps), and the unflagged patient numbers are concatenated, still counted distinct
 * when read.
 */
function pooledCubeSql(full: string, out: string, fields: readonly string[]): string {
	const flags = CUBE_FLAGS.map(
		({ column }) => `sum(${column})::INTEGER AS ${column},
			flatten(list(${column}_others) FILTER (WHERE ${column}_others IS NOT NULL)) AS ${column}_others`
	);
	const sums = ['n', 'responder_known', 'responders', 'target_known', 'target_met_n'].map(
		(c) => `sum(${c})::INTEGER AS ${c}`
	);
	const totals = [
		'baseline_sum',
		'improvement_sum',
		'improvement_squares',
		'baseline_squares',
		'baseline_improvement'
	].map((c) => `sum(${c}) AS ${c}`);
	return `CREATE OR REPLACE TABLE ${out} AS
		SELECT measure, ${fields.join(', ')}, ${[...sums, ...totals, ...flags].join(',\n\t\t\t')}
		FROM ${full}
		GROUP BY ALL
		ORDER BY measure`;
}

/** Every cube of CUBES, built from `episodeMeasures` (tables named `<cube><suffix>`), in order. */
export function episodeCubesSql(episodeMeasures: string, suffix = ''): string[] {
	const full = `episode_cube${suffix}`;
	return [
		fullCubeSql(episodeMeasures, full),
		...CUBES.filter((c) => c.table !== 'episode_cube').map((c) =>
			pooledCubeSql(full, `${c.table}${suffix}`, c.fields)
		)
	];
}
