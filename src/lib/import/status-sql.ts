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
		SELECT DISTINCT * FROM (VALUES ${rows.join(', ') || "('', '')"}) t(measure, name_key)`;
}

/**
 * Decides every row: accepted (reason NULL) or rejected with one reason, in this order —
 * cannot be placed (no patient, no usable time), malformed, no score at all, an exact copy of
 * an earlier row, or
 * a later conflicting duplicate (same patient, time, condition and technique — and measure, in
 * long files — with different content). The earlier of a conflicting pair stays, flagged.
 */
export function rowStatusSql(mapping: Mapping): string {
	const long = mapping.layout === 'long';
	const measureKey = long
		? `(SELECT measure FROM mo_measure_names n WHERE n.name_key = mo_key(c.__measure_text) LIMIT 1)`
		: 'NULL::VARCHAR';
	const order = '__file_no, __row';
	const measureCells = long
		? ['__value_text']
		: Object.keys(mapping.measures).map((k) => quoteIdent(measureColumn(k)));
	const noMeasure =
		measureCells.map((c) => `(mo_text(${c}) IS NULL OR mo_missing(${c}))`).join(' AND ') || 'true';
	const conflictKey = `patient_key, time_key, condition_label, technique_label${long ? ', measure_key' : ''}`;
	return `
		WITH base AS (
			SELECT c.*, ${measureKey} AS measure_key,
				coalesce(strftime(day, '%Y-%m-%d'), 'visit ' || visit_no::VARCHAR) AS time_key
			FROM cand_clean c
		), early AS (
			SELECT *, CASE
				WHEN patient_key IS NULL THEN 'missing_patient'
				WHEN day IS NULL AND visit_no IS NULL THEN
					CASE WHEN mo_text("date") IS NOT NULL AND date_kind <> 'missing_marker' THEN 'invalid_date' ELSE 'no_time' END
				WHEN __extra > 0 THEN 'too_many_fields'
				WHEN ${noMeasure} THEN 'no_measures'
				${long ? "WHEN measure_key IS NULL THEN 'unknown_measure'" : ''}
			END AS early_reason
			FROM base
		), copies AS (
			SELECT *,
				row_number() OVER (PARTITION BY early_reason IS NULL, __content ORDER BY ${order}) AS copy_no,
				first(__file || '#' || __row) OVER (PARTITION BY early_reason IS NULL, __content ORDER BY ${order}) AS original
			FROM early
		), keyed AS (
			SELECT *,
				count(*) OVER (PARTITION BY early_reason IS NULL AND copy_no = 1, ${conflictKey}) AS key_rows,
				row_number() OVER (PARTITION BY early_reason IS NULL AND copy_no = 1, ${conflictKey} ORDER BY ${order}) AS key_no,
				first(__file || '#' || __row) OVER (PARTITION BY early_reason IS NULL AND copy_no = 1, ${conflictKey} ORDER BY ${order}) AS key_first
			FROM copies
		)
		SELECT *,
			coalesce(early_reason,
				CASE WHEN copy_no > 1 THEN 'exact_duplicate'
					WHEN key_rows > 1 AND key_no > 1 THEN 'conflicting_duplicate' END) AS reason,
			early_reason IS NULL AND copy_no = 1 AND key_rows > 1 AND key_no = 1 AS has_conflict
		FROM keyed`;
}
