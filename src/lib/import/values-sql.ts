import { numberLiteral, quoteIdent, quoteString } from '../engine/quote';
import type { Measure } from '../measures/registry';
import { measureColumn } from './candidates-sql';
import type { Mapping } from './mapping';

/**
 * One row per measured cell of an accepted row: its source column, the text verbatim, the number
 * and how it was read (plain, decimal comma, "4/10"…), and whether it is in the measure's range.
 * Out-of-range values are rejected, never clipped. Each distinct text is read once per scale.
 */
export function valuesSql(mapping: Mapping, measures: readonly Measure[]): string {
	const keep = '__file_no, __row, __sheet_row, session_key';
	const cells =
		mapping.layout === 'long'
			? [
					`SELECT ${keep}, measure_key AS measure, ${quoteString(mapping.long!.valueColumn)} AS "column",
						__value_text AS raw FROM cand_rows WHERE reason IS NULL AND __value_text IS NOT NULL`
				]
			: Object.entries(mapping.measures).map(([key, column]) => {
					const cell = quoteIdent(measureColumn(key));
					return `SELECT ${keep}, ${quoteString(key)} AS measure, ${quoteString(column)} AS "column",
						${cell} AS raw FROM cand_rows WHERE reason IS NULL AND ${cell} IS NOT NULL`;
				});
	const ranges = measures
		.map(
			(m) =>
				`(${quoteString(m.key)}, ${numberLiteral(m.min)}::DOUBLE, ${numberLiteral(m.max)}::DOUBLE)`
		)
		.join(', ');
	return `
		WITH cells AS (
			SELECT * FROM (${cells.join('\nUNION ALL\n')})
			JOIN (SELECT * FROM (VALUES ${ranges}) t(measure, lo, hi)) USING (measure)
		), readings AS (
			SELECT raw, hi, mo_number(raw, hi) AS n FROM (SELECT DISTINCT raw, hi FROM cells)
		)
		SELECT cells.*, n.num AS num, n.kind AS kind, raw <> mo_trim(raw) AS padded,
			n.num IS NOT NULL AND n.num BETWEEN lo AND hi AS valid
		FROM cells JOIN readings USING (raw, hi) WHERE n IS NOT NULL`;
}
