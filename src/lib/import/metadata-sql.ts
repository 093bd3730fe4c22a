import type { QuerySpec, SqlValue } from '../engine/engine';
import type { Measure } from '../measures/registry';
import type { DateOrder, Mapping } from './mapping';
import type { StagedFile } from './readers/types';

/** One registry row's values, bound in this order; every column typed as the dataset keeps it. */
const MEASURE_COLUMNS = [
	['key', 'VARCHAR'],
	['label', 'VARCHAR'],
	['instrument', 'VARCHAR'],
	['unit', 'VARCHAR'],
	['min', 'DOUBLE'],
	['max', 'DOUBLE'],
	['better', 'VARCHAR'],
	['mcid_points', 'DOUBLE'],
	['mcid_percent', 'DOUBLE'],
	['mcid_source', 'VARCHAR']
] as const;

const measureValues = (m: Measure): SqlValue[] => [
	m.key,
	m.label,
	m.instrument,
	m.unit,
	m.min,
	m.max,
	m.better,
	m.mcid?.points ?? null,
	m.mcid?.percent ?? null,
	m.mcid?.source ?? null
];

/**
 * The dataset's own registry (so custom measures travel with it) and a one-row description:
 * which time axis its trends use — session number when there are dates, else the source's own
 * visit or week numbers, so a missed visit never shifts later ones. Every value is bound.
 */
export function datasetTablesQueries(
	measures: readonly Measure[],
	mapping: Mapping,
	files: readonly StagedFile[],
	dateOrder: DateOrder,
	now: Date,
	name = files.map((f) => f.file).join(', ')
): QuerySpec[] {
	const row = `(${MEASURE_COLUMNS.map(([, type]) => `?::${type}`).join(', ')})`;
	const names = MEASURE_COLUMNS.map(([c]) => `"${c}"`).join(', ');
	const dated = '(SELECT count(session_date) FROM sessions_next) > 0';
	return [
		{
			sql: `CREATE OR REPLACE TABLE measures_next AS SELECT * FROM (VALUES ${measures.map(() => row).join(', ')}) t(${names})`,
			params: measures.flatMap(measureValues)
		},
		{
			sql: `CREATE OR REPLACE TABLE dataset_info_next AS SELECT
				?::VARCHAR AS name,
				CASE WHEN ${dated} THEN 'session_no' ELSE 'visit' END AS time_axis,
				CASE WHEN ${dated} THEN 'session' ELSE ?::VARCHAR END AS time_unit,
				?::VARCHAR AS layout, ?::VARCHAR AS date_order, ?::VARCHAR AS files,
				?::TIMESTAMP AS imported_at`,
			params: [
				name,
				mapping.timeUnit ?? 'visit',
				mapping.layout,
				dateOrder,
				JSON.stringify(files.map((f) => f.file)),
				now.toISOString()
			]
		}
	];
}

/** The loaded dataset's registry and description, read back for the UI. */
export const measuresQuery = () => ({
	sql: `SELECT "key", label, instrument, unit, min, max, better, mcid_points, mcid_percent, mcid_source
		FROM measures`
});
export const datasetInfoQuery = () => ({
	sql: 'SELECT name, time_axis, time_unit, layout FROM dataset_info'
});
