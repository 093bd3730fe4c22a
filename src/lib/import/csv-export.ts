import { quoteIdent, quoteString } from '../engine/quote';

const CRLF = 'chr(13) || chr(10)';

/**
 * One CSV field of `expr`, in SQL. A cell that a spreadsheet would run as a formula (= + - @, or
 * a leading tab or carriage return) gets a leading apostrophe: exported file contents must never
 * execute (OWASP CSV injection); the original stays visible after it. A field holding a quote,
 * comma or line break is quoted (RFC 4180); no value is an empty field.
 */
function csvFieldSql(expr: string): string {
	const text = `(${expr})::VARCHAR`;
	const safe = `CASE WHEN regexp_matches(${text}, '^[=+\\-@\\t\\r]') THEN '''' || ${text} ELSE ${text} END`;
	return `coalesce(CASE WHEN regexp_matches(${safe}, '[",\\r\\n]')
		THEN '"' || replace(${safe}, '"', '""') || '"' ELSE ${safe} END, '')`;
}

/**
 * The whole CSV text (header, one CRLF-terminated line per row) of `columns` from `from`, made by
 * one string_agg in the engine: rows are never read into JS objects to be written out.
 * `from` is trusted SQL (a table and its WHERE); `params` are its bound values.
 */
export function csvTextSql(columns: readonly string[], from: string, orderBy: string): string {
	const header = columns.map((c) => csvFieldSql(quoteString(c))).join(` || ',' || `);
	const line = columns.map((c) => csvFieldSql(quoteIdent(c))).join(` || ',' || `);
	return `SELECT ${header} || ${CRLF} || coalesce(string_agg(${line}, ${CRLF} ORDER BY ${orderBy}) || ${CRLF}, '') AS csv
		FROM ${from}`;
}
