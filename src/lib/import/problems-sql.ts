import { quoteIdent, quoteString } from '../engine/quote';
import type { Measure } from '../measures/registry';

/** A staging row that has a patient and a valid date: it becomes a session. */
export const ROW_IS_PLACEABLE =
	"nullif(trim(patient_id), '') IS NOT NULL AND TRY_CAST(trim(session_date) AS DATE) IS NOT NULL";

/**
 * SQL that lists every rejected row and rejected value of the staging table, one row per problem
 * (file, row, column, value verbatim, severity, reason code, message). Nothing is dropped without
 * a row here.
 */
export function problemsSql(file: string, measures: readonly Measure[]): string {
	const f = quoteString(file);
	const rowChecks = `
		SELECT ${f} AS file, source_row AS row, 'patient_id' AS "column", patient_id AS value,
			'rejected_row' AS severity, 'missing_patient' AS reason,
			'No patient identifier: the row cannot be placed' AS message
		FROM staging WHERE nullif(trim(patient_id), '') IS NULL
		UNION ALL
		SELECT ${f}, source_row, 'session_date', session_date, 'rejected_row',
			CASE WHEN session_date IS NULL THEN 'missing_date' ELSE 'invalid_date' END,
			CASE WHEN session_date IS NULL THEN 'No session date: the row cannot be placed in time'
				ELSE 'Not a valid calendar date (expected YYYY-MM-DD)' END
		FROM staging
		WHERE nullif(trim(patient_id), '') IS NOT NULL AND TRY_CAST(trim(session_date) AS DATE) IS NULL`;
	const valueChecks = measures.map((m) => {
		const col = quoteIdent(m.key);
		const num = `TRY_CAST(trim(${col}) AS DOUBLE)`;
		return `
		SELECT ${f}, source_row, ${quoteString(m.key)}, ${col}, 'rejected_value',
			CASE WHEN ${num} IS NULL THEN 'not_numeric' ELSE 'out_of_range' END,
			CASE WHEN ${num} IS NULL THEN 'Not a number: the score is treated as missing'
				ELSE ${quoteString(`Outside ${m.min}–${m.max}: the score is treated as missing`)} END
		FROM staging
		WHERE ${ROW_IS_PLACEABLE} AND nullif(trim(${col}), '') IS NOT NULL
			AND (${num} IS NULL OR ${num} NOT BETWEEN ${m.min} AND ${m.max})`;
	});
	return [rowChecks, ...valueChecks].join('\nUNION ALL');
}
