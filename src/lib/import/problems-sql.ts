import { quoteString } from '../engine/quote';
import { columnsLabel, type Mapping } from './mapping';
import { FILE_ROWS } from './status-sql';

export type Severity = 'rejected_row' | 'rejected_value' | 'flag';

const MESSAGES: Record<string, string> = {
	missing_patient: 'No patient identifier: the row cannot be placed.',
	invalid_date: 'Not a real calendar date, and no visit number: the row cannot be placed in time.',
	no_time: 'No session date or visit number: the row cannot be placed in time.',
	too_many_fields: 'The row has more fields than the header: its values may be shifted.',
	no_measures: 'No score for any mapped measure: nothing to count for this session.',
	unknown_measure: 'The measure named here is not mapped to any measure.'
};

/** `WHEN code THEN message …` for a CASE over reason or coercion codes. */
export const whenThen = (messages: Record<string, string>) =>
	Object.entries(messages)
		.map(([code, message]) => `WHEN ${quoteString(code)} THEN ${quoteString(message)}`)
		.join(' ');

/** A field's source column(s) as an SQL literal for the report (the field's name if none). */
export const fieldColumnSql = (mapping: Mapping, field: keyof Mapping['fields']) =>
	quoteString(columnsLabel(mapping.fields[field]) || field);

/**
 * Every rejected row, rejected value and flag, one row each: file, 1-based data row (and the
 * sheet's own row for Excel), source column, the value verbatim, severity, reason and message.
 */
export function problemsSql(mapping: Mapping, now: Date): string {
	const column = (f: keyof Mapping['fields']) => fieldColumnSql(mapping, f);
	const where = mapping.layout === 'long' ? quoteString(mapping.long!.measureColumn) : 'NULL';
	const rowColumn = `CASE reason WHEN 'missing_patient' THEN ${column('patient')}
		WHEN 'invalid_date' THEN ${column('date')} WHEN 'no_time' THEN ${column('date')}
		WHEN 'unknown_measure' THEN ${where} END`;
	const rowValue = `CASE reason WHEN 'missing_patient' THEN patient WHEN 'invalid_date' THEN "date"
		${mapping.layout === 'long' ? "WHEN 'unknown_measure' THEN __measure_text" : ''} END`;
	const p = '__file AS file, __row AS "row", __sheet_row AS sheet_row';
	const rows = 'cand_rows JOIN mo_files USING (__file_no)';
	/** A number field (minutes, age) whose text is not a number, or not a plausible one. */
	const numberProblems = (field: 'minutes' | 'age', read: string, valid: string, rule: string) => `
		SELECT ${p}, ${column(field)}, ${field}, 'rejected_value',
			CASE WHEN ${read} IS NULL THEN 'not_numeric' ELSE 'out_of_range' END,
			${quoteString(`${rule}: treated as missing.`)}
		FROM ${rows} WHERE reason IS NULL AND mo_text(${field}) IS NOT NULL AND NOT mo_missing(${field})
			AND ${valid} IS NULL`;
	const messages = whenThen(MESSAGES);
	const at = (pos: string) =>
		`(SELECT __file FROM mo_files f WHERE f.__file_no = ${pos} // ${FILE_ROWS}) || ', row ' || (${pos} % ${FILE_ROWS})`;
	return `
		SELECT ${p}, ${rowColumn} AS "column", ${rowValue} AS value, 'rejected_row' AS severity, reason,
			CASE reason ${messages}
				WHEN 'exact_duplicate' THEN 'Exact copy of ' || ${at('copy_of')} || ': counted once.'
				WHEN 'conflicting_duplicate' THEN 'Same patient, time, condition and technique as '
					|| ${at('conflict_with')} || ' with different values: the earlier row is kept.'
			END AS message
		FROM ${rows} WHERE reason IS NOT NULL
		UNION ALL
		SELECT ${p}, NULL, NULL, 'flag', 'conflicting_duplicate',
			'A later row has the same patient, time, condition and technique with different values; this row is kept.'
		FROM ${rows} WHERE has_conflict
		UNION ALL
		SELECT ${p}, ${column('date')}, "date", 'flag', 'future_date',
			'The session date is after the import date.'
		FROM ${rows} WHERE reason IS NULL AND day > ${quoteString(now.toISOString().slice(0, 10))}::DATE
		UNION ALL
		SELECT ${p}, ${column('date')}, "date", 'rejected_value', 'invalid_date',
			'Not a real calendar date: the date is treated as missing (the visit number places the row).'
		FROM ${rows} WHERE reason IS NULL AND day IS NULL AND mo_text("date") IS NOT NULL
			AND date_kind <> 'missing_marker'
		UNION ALL
		${numberProblems('minutes', 'minutes_num', 'minutes_no', 'Session length must be a number of minutes from 1 to 480')}
		UNION ALL
		${numberProblems('age', 'age_num', 'age_years', 'Age must be a number of years from 0 to 120')}
		UNION ALL
		SELECT __file, __row, __sheet_row, "column", raw, 'rejected_value',
			CASE WHEN num IS NULL THEN 'not_numeric' ELSE 'out_of_range' END,
			CASE WHEN num IS NULL THEN 'Not a number: the score is treated as missing.'
				ELSE 'Outside ' || mo_num_text(lo) || '–' || mo_num_text(hi) || ': the score is treated as missing (never clipped).' END
		FROM odd_cells JOIN mo_files USING (__file_no) WHERE NOT valid AND kind <> 'missing_marker'`;
}
