import { quoteIdent, quoteString } from '../engine/quote';
import type { Measure } from '../measures/registry';
import { measureColumn } from './candidates-sql';
import type { Mapping } from './mapping';

/**
 * One row per measured cell of an accepted row, read as a number: its source column, the text
 * verbatim, the number and how it was read (plain, decimal comma, "4/10"…), and whether it is in
 * the measure's range. Out-of-range values are rejected, never clipped.
 */
export function valuesSql(mapping: Mapping, measures: readonly Measure[]): string {
	const cells =
		mapping.layout === 'long'
			? [
					`SELECT __file, __file_no, __row, __sheet_row, measure_key AS measure,
					${quoteString(mapping.long!.valueColumn)} AS "column", __value_text AS raw
				FROM cand_rows WHERE reason IS NULL AND __value_text IS NOT NULL`
				]
			: Object.entries(mapping.measures).map(
					([
						key,
						column
					]) => `SELECT __file, __file_no, __row, __sheet_row, ${quoteString(key)} AS measure,
					${quoteString(column)} AS "column", ${quoteIdent(measureColumn(key))} AS raw
				FROM cand_rows WHERE reason IS NULL AND ${quoteIdent(measureColumn(key))} IS NOT NULL`
				);
	const ranges = measures
		.map((m) => `(${quoteString(m.key)}, ${m.min}::DOUBLE, ${m.max}::DOUBLE)`)
		.join(', ');
	return `
		WITH cells AS (${cells.join('\nUNION ALL\n')}),
		ranges AS (SELECT * FROM (VALUES ${ranges}) t(measure, lo, hi)),
		read AS (
			SELECT cells.*, lo, hi, mo_number(raw, hi) AS n FROM cells JOIN ranges USING (measure)
		)
		SELECT __file, __file_no, __row, __sheet_row, measure, "column", raw, lo, hi,
			n.num AS num, n.kind AS kind, raw <> trim(raw) AS padded,
			n.num IS NOT NULL AND n.num BETWEEN lo AND hi AS valid
		FROM read WHERE n IS NOT NULL`;
}
