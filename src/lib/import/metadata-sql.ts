import { quoteString } from '../engine/quote';
import type { Measure } from '../measures/registry';
import type { DateOrder, Mapping } from './mapping';
import type { StagedFile } from './readers/types';

const sqlNumber = (n: number | undefined) => (n === undefined ? 'NULL' : `${n}::DOUBLE`);
const sqlText = (s: string | null | undefined) => (s == null ? 'NULL' : quoteString(s));

/**
 * The dataset's own registry (so custom measures travel with it) and a one-row description:
 * which time axis its trends use — session number when there are dates, else the source's own
 * visit or week numbers, so a missed visit never shifts later ones.
 */
export function datasetTablesSql(
	measures: readonly Measure[],
	mapping: Mapping,
	files: readonly StagedFile[],
	dateOrder: DateOrder,
	now: Date,
	name = files.map((f) => f.file).join(', ')
): string {
	const rows = measures.map(
		(m) =>
			`(${[
				sqlText(m.key),
				sqlText(m.label),
				sqlText(m.instrument),
				sqlText(m.unit),
				sqlNumber(m.min),
				sqlNumber(m.max),
				sqlText(m.better),
				sqlNumber(m.mcid?.points),
				sqlNumber(m.mcid?.percent),
				sqlText(m.mcid?.source)
			].join(', ')})`
	);
	return `
		CREATE OR REPLACE TABLE measures_next AS SELECT * FROM (VALUES ${rows.join(', ')})
			t("key", label, instrument, unit, min, max, better, mcid_points, mcid_percent, mcid_source);
		CREATE OR REPLACE TABLE dataset_info_next AS SELECT
			${quoteString(name)} AS name,
			CASE WHEN (SELECT count(session_date) FROM sessions_next) > 0 THEN 'session_no' ELSE 'visit' END AS time_axis,
			CASE WHEN (SELECT count(session_date) FROM sessions_next) > 0 THEN 'session'
				ELSE ${quoteString(mapping.timeUnit ?? 'visit')} END AS time_unit,
			${quoteString(mapping.layout)} AS layout,
			${quoteString(dateOrder)} AS date_order,
			${quoteString(JSON.stringify(files.map((f) => f.file)))} AS files,
			${quoteString(now.toISOString())}::TIMESTAMP AS imported_at`;
}

/** The loaded dataset's registry and description, read back for the UI. */
export const measuresQuery = () => ({
	sql: `SELECT "key", label, instrument, unit, min, max, better, mcid_points, mcid_percent, mcid_source
		FROM measures`
});
export const datasetInfoQuery = () => ({
	sql: 'SELECT name, time_axis, time_unit, layout FROM dataset_info'
});
