import { numberLiteral, quoteIdent, quoteString } from '../engine/quote';
import type { Measure } from '../measures/registry';
import { measureColumn } from './candidates-sql';
import { sessionLink } from './canonical-sql';
import type { Mapping } from './mapping';

/** The measured cells of accepted rows (measure key, source column, text), with `keep` columns. */
function cellsSql(mapping: Mapping, keep: string): string {
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
	return cells.join('\nUNION ALL\n');
}

/**
 * Each distinct text of each measure read once: the number and how it was read (plain, decimal
 * comma, "4/10"…), and whether it is in the measure's range. Out-of-range values are rejected,
 * never clipped. A table of its own (`mo_readings`): as a step of the cells' query, DuckDB moved
 * the reading above the join and read every cell again (100k rows: 300k cells, 77 texts).
 */
export function cellReadingsSql(mapping: Mapping, measures: readonly Measure[]): string {
	const ranges = measures
		.map(
			(m) =>
				`(${quoteString(m.key)}, ${numberLiteral(m.min)}::DOUBLE, ${numberLiteral(m.max)}::DOUBLE)`
		)
		.join(', ');
	return `
		SELECT measure, raw, lo, hi, (n).num AS num, (n).kind AS kind, raw <> mo_trim(raw) AS padded,
			(n).num IS NOT NULL AND (n).num BETWEEN lo AND hi AS valid
		FROM (SELECT measure, raw, lo, hi, mo_number(raw, hi) AS n
			FROM (SELECT DISTINCT measure, raw FROM (${cellsSql(mapping, 'NULL')}))
			JOIN (SELECT * FROM (VALUES ${ranges}) t(measure, lo, hi)) USING (measure))
		WHERE n IS NOT NULL`;
}

/**
 * One row per measured cell of an accepted row: its row, source column and text verbatim, and the
 * text's reading. Cells of no known measure, or with no text to read, are left out.
 */
export function valuesSql(mapping: Mapping): string {
	return `
		SELECT c.*, r.lo, r.hi, r.num, r.kind, r.padded, r.valid
		FROM (${cellsSql(mapping, `__file_no, __row, __sheet_row, ${sessionLink(mapping.layout, 'pos')}`)}) c
		JOIN mo_readings r USING (measure, raw)`;
}
