import { quoteIdent, quoteString } from '../engine/quote';
import { measureColumn } from './candidates-sql';
import type { Mapping } from './mapping';
import { MEASURE_SYNONYMS } from './synonyms';

/**
 * Measure names a long file may use: the mapping's own, plus known synonyms of those keys.
 * Keyed by one mo_key over the column: a call per literal compiled its regexes each time.
 */
export function measureNamesSql(mapping: Mapping): string {
	const rows = Object.entries(mapping.measures).flatMap(([key, name]) =>
		[name, key, ...(MEASURE_SYNONYMS[key] ?? [])].map(
			(n) => `(${quoteString(key)}, ${quoteString(n)})`
		)
	);
	return `CREATE OR REPLACE TEMP TABLE mo_measure_names AS
		SELECT name_key, first(measure) AS measure
		FROM (SELECT measure, mo_key(name) AS name_key
			FROM (VALUES ${rows.join(', ') || "('', '')"}) t(measure, name))
		GROUP BY name_key`;
}

/** Rows `after` < row ≤ `through` of one file; an end left out is open. */
export interface RowRange {
	file: number;
	after?: number;
	through?: number;
}

/** The range itself, once checked: its numbers go into SQL as literals. */
function checked(rows: RowRange): RowRange {
	const { file, after = 0, through = 0 } = rows;
	if (![file, after, through].every(Number.isSafeInteger))
		throw new Error('Row ranges are whole numbers.');
	return rows;
}

/** The rows of `rows` by the file and row columns of `table` (an alias and a dot). */
export function rowRangeSql(rows: RowRange, table = 'c.'): string {
	const { file, after, through } = checked(rows);
	return [
		`${table}__file_no = ${file}`,
		...(after === undefined ? [] : [`${table}__row > ${after}`]),
		...(through === undefined ? [] : [`${table}__row <= ${through}`])
	].join(' AND ');
}

/** Every row of the files, in ranges of `size` rows of one file each. */
export function rowPieces(files: readonly { rows: number }[], size: number): RowRange[] {
	return files.flatMap((f, file) => {
		const count = Math.max(1, Math.ceil(f.rows / size));
		return Array.from({ length: count }, (_, k) => ({
			file,
			...(k > 0 ? { after: k * size } : {}),
			...(k < count - 1 ? { through: (k + 1) * size } : {})
		}));
	});
}

/** A file's rows are numbered below this: a row's position is file × FILE_ROWS + row. */
export const FILE_ROWS = 1_000_000_000;
/** Position of a row across all files, in import order (file number, then data row). */
export const POS = `__file_no::BIGINT * ${FILE_ROWS} + __row`;

/** The rows of `rows` by their position (POS) in `column`. */
export function positionRangeSql(rows: RowRange, column: string): string {
	const { file, after = 0, through } = checked(rows);
	const last = through === undefined ? FILE_ROWS - 1 : through;
	return `${column} > ${file * FILE_ROWS + after} AND ${column} <= ${file * FILE_ROWS + last}`;
}
const keyPart = (e: string) => `coalesce(${e}, chr(0))`;

/**
 * Decides every row: accepted (reason NULL) or rejected with one reason, in this order —
 * cannot be placed (no patient, no usable time), malformed, no score at all, an exact copy of an
 * earlier row, or a later conflicting duplicate (same patient, time, condition and technique —
 * and measure, in long files — with different content). The earlier of a conflicting pair stays,
 * flagged. This statement gives each row its first reason; `duplicateStatusSql` then decides the
 * duplicates. So each row is read and cleaned once: deciding duplicates in the same statement
 * had DuckDB evaluate the cleaning view (its joins, regexes and hashes) three times. With `rows`,
 * only those rows: a large import decides its rows piece by piece.
 */
export function rowStatusSql(mapping: Mapping, rows?: RowRange): string {
	const long = mapping.layout === 'long';
	const cells = long
		? ['__value_text']
		: Object.keys(mapping.measures).map((k) => quoteIdent(measureColumn(k)));
	const noMeasure =
		cells.map((c) => `(mo_text(${c}) IS NULL OR mo_missing(${c}))`).join(' AND ') || 'true';
	const session = `concat_ws(chr(31), patient_key, time_key, ${keyPart('condition_label')}, ${keyPart('technique_label')})`;
	return `
		WITH base AS (
			SELECT c.*, ${long ? 'n.measure' : 'NULL::VARCHAR'} AS measure_key,
				coalesce(strftime(day, '%Y-%m-%d'), 'visit ' || visit_no::VARCHAR) AS time_key,
				${POS} AS pos,
				CASE
					WHEN patient_key IS NULL THEN 'missing_patient'
					WHEN day IS NULL AND visit_no IS NULL THEN
						CASE WHEN mo_text("date") IS NOT NULL AND date_kind <> 'missing_marker' THEN 'invalid_date' ELSE 'no_time' END
					WHEN __extra > 0 THEN 'too_many_fields'
					WHEN ${noMeasure} THEN 'no_measures'
					${long ? "WHEN n.measure IS NULL THEN 'unknown_measure'" : ''}
				END AS reason
			FROM cand_clean c
			${long ? 'LEFT JOIN mo_measure_names n ON n.name_key = mo_key(c.__measure_text)' : ''}
			${rows ? `WHERE ${rowRangeSql(rows)}` : ''}
		)
		SELECT * EXCLUDE (reason), NULL::BIGINT AS copy_of, ${session} AS session_key,
			NULL::BIGINT AS conflict_with, reason, false AS has_conflict
		FROM base`;
}

/**
 * Duplicates among the rows with no reason yet, found by grouping narrow columns of `cand_rows`
 * and written back to the few rows concerned (an UPDATE: a second copy of the wide rows would
 * not fit in the wasm heap at millions of rows). An exact copy points at the first row with its
 * content; of the rows left, a later row with the same key as an earlier one conflicts with it.
 */
export function duplicateStatusSql(mapping: Mapping): string[] {
	const dupKey = (t: string) =>
		mapping.layout === 'long'
			? `${t}session_key || chr(31) || ${keyPart(`${t}measure_key`)}`
			: `${t}session_key`;
	const firstOfContent = (t: string) => `(${t}copy_of IS NULL OR ${t}copy_of = ${t}pos)`;
	return [
		`UPDATE cand_rows SET copy_of = cp.first_pos
		FROM (SELECT __content, min(pos) AS first_pos FROM cand_rows WHERE reason IS NULL
			GROUP BY __content HAVING count(*) > 1) cp
		WHERE cand_rows.reason IS NULL AND cand_rows.__content = cp.__content`,
		`UPDATE cand_rows SET conflict_with = cf.first_pos
		FROM (SELECT ${dupKey('')} AS dup_key, min(pos) AS first_pos FROM cand_rows
			WHERE reason IS NULL AND ${firstOfContent('')} GROUP BY dup_key HAVING count(*) > 1) cf
		WHERE cand_rows.reason IS NULL AND ${firstOfContent('cand_rows.')}
			AND ${dupKey('cand_rows.')} = cf.dup_key`,
		`UPDATE cand_rows SET
			reason = CASE WHEN copy_of < pos THEN 'exact_duplicate'
				WHEN conflict_with < pos THEN 'conflicting_duplicate' END,
			has_conflict = coalesce(conflict_with = pos, false)
		WHERE reason IS NULL AND (copy_of IS NOT NULL OR conflict_with IS NOT NULL)`,
		// The content hash has done its work: not kept beside every row.
		'ALTER TABLE cand_rows DROP COLUMN __content'
	];
}
