import type { CellValue } from '@cj-tech-master/excelts';
import { cellText, isoDateTime, type Cell } from './cell-text';

/** Excel's serial day 1 (1900-01-01, as Excel counts); anything earlier is a time of day alone. */
const EXCEL_DAY_ONE = Date.UTC(1899, 11, 31);

/** A cell as the sheet shows it: formulas by their cached result, rich text as plain text. */
export function excelText(value: CellValue): Cell {
	if (typeof value === 'number') {
		// Excel keeps 15 significant digits: 0.1+0.2 is the 0.3 the sheet shows.
		return String(Number(value.toPrecision(15)));
	}
	if (value instanceof Date) {
		// Serial numbers carry float noise (08:29:59.9996 for 08:30): round to the second.
		const ms = Math.round(value.getTime() / 1000) * 1000;
		if (ms < EXCEL_DAY_ONE) return new Date(ms).toISOString().slice(11, 19);
		return isoDateTime(ms);
	}
	if (value === null || typeof value !== 'object') return cellText(value);
	if ('result' in value || 'formula' in value || 'sharedFormula' in value) {
		return 'result' in value ? excelText(value.result) : null;
	}
	// A hyperlink's text is what the cell shows (the link itself is not data).
	if ('hyperlink' in value) return cellText(value.text);
	if ('richText' in value) return cellText(value.richText.map((run) => run.text).join(''));
	if ('error' in value) return value.error;
	if ('checkbox' in value) return cellText(value.checkbox);
	return cellText(value);
}
