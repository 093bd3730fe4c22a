import { quoteIdent, quoteString } from '../engine/quote';
import { measureColumn } from './candidates-sql';
import type { Mapping } from './mapping';
import { MEASURE_SYNONYMS } from './synonyms';

/** Measure names a long file may use: the mapping's own, plus known synonyms of those keys. */
export function measureNamesSql(mapping: Mapping): string {
	const rows = Object.entries(mapping.measures).flatMap(([key, name]) =>
		[name, key, ...(MEASURE_SYNONYMS[key] ?? [])].map(
			(n) => `(${quoteString(key)}, mo_key(${quoteString(n)}))`
		)
	);
	return `CREATE OR REPLACE TEMP TABLE mo_measure_names AS
		SELECT name_key, first(measure) AS measure
		FROM (VALUES ${rows.join(', ') || "('', '')"}) t(measure, name_key) GROUP BY name_key`;
}

/** Position of a row across all files, in import order (file number, then data row). */
const POS = '__file_no::BIGINT * 1000000000 + __row';
const keyPart = (e: string) => `coalesce(${e}, chr(0))`;

/**
 * Decides every row: accepted (reason NULL) or rejected with one reason, in this order —
 * cannot be placed (no patient, no usable time), malformed, no score at all, an exact copy of an
 * earlier row, or a later conflicting duplicate (same patient, time, condition and technique —
 * and measure, in long files — with different content). The earlier of a conflicting pair stays,
 * flagged. Duplicates are found by grouping, which scales to millions of rows.
 */
export function rowStatusSql(mapping: Mapping): string {
	const long = mapping.layout === 'long';
	const cells = long
		? ['__value_text']
		: Object.keys(mapping.measures).map((k) => quoteIdent(measureColumn(k)));
	const noMeasure =
		cells.map((c) => `(mo_text(${c}) IS NULL OR mo_missing(${c}))`).join(' AND ') || 'true';
	const session = `concat_ws(chr(31), patient_key, time_key, ${keyPart('condition_label')}, ${keyPart('technique_label')})`;
	return `
		WITH base AS NOT MATERIALIZED (
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
				END AS early_reason
			FROM cand_clean c
			${long ? 'LEFT JOIN mo_measure_names n ON n.name_key = mo_key(c.__measure_text)' : ''}
		), copies AS (
			SELECT __content, min(pos) AS first_pos FROM base WHERE early_reason IS NULL
			GROUP BY __content HAVING count(*) > 1
		), keyed AS NOT MATERIALIZED (
			SELECT b.*, cp.first_pos AS copy_of, ${session} AS session_key,
				${session}${long ? ` || chr(31) || ${keyPart('measure_key')}` : ''} AS dup_key
			FROM base b LEFT JOIN copies cp ON b.early_reason IS NULL AND cp.__content = b.__content
		), conflicts AS (
			SELECT dup_key, min(pos) AS first_pos FROM keyed
			WHERE early_reason IS NULL AND (copy_of IS NULL OR copy_of = pos)
			GROUP BY dup_key HAVING count(*) > 1
		)
		SELECT k.* EXCLUDE (dup_key, __content), cf.first_pos AS conflict_with,
			coalesce(early_reason,
				CASE WHEN copy_of < pos THEN 'exact_duplicate'
					WHEN cf.first_pos < pos THEN 'conflicting_duplicate' END) AS reason,
			coalesce(cf.first_pos = pos, false) AS has_conflict
		FROM keyed k LEFT JOIN conflicts cf
			ON k.early_reason IS NULL AND (k.copy_of IS NULL OR k.copy_of = k.pos) AND cf.dup_key = k.dup_key`;
}
