import { cellText, type TableColumn } from './table';

/**
 * A spreadsheet opening the file would run a cell that starts like a formula (CSV injection):
 * such cells get a leading apostrophe, which spreadsheets show as text. Negative numbers written
 * as "-1.5" are caught too; the table writes minus as U+2212, which is left alone.
 */
export function neutraliseFormula(cell: string): string {
	return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF, doubling its quotes. */
export function quoteField(cell: string): string {
	return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** The table as CSV text: a header of column labels, then one line per row, CRLF between. */
export function csvText<Row>(columns: readonly TableColumn<Row>[], rows: readonly Row[]): string {
	const line = (cells: string[]) => cells.map((c) => quoteField(neutraliseFormula(c))).join(',');
	return [
		line(columns.map((c) => c.label)),
		...rows.map((row) => line(columns.map((c) => cellText(c, row))))
	]
		.map((l) => `${l}\r\n`)
		.join('');
}
