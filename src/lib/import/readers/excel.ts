import type { CellValue } from '@cj-tech-master/excelts';
import type { LocalEngine } from '../../engine/engine';
import { cellText, isoDateTime, type Cell } from './cell-text';
import { stagingColumnNames } from './columns';
import { progressReporter, StagingRows, stageRows } from './records';
import type { ReadOptions, SourceFile, StagedFile } from './types';

/** Excel's serial day 1 (1900-01-01, as Excel counts); anything earlier is a time of day alone. */
const EXCEL_DAY_ONE = Date.UTC(1899, 11, 31);
/** An OLE2 container: a legacy .xls workbook, or an .xlsx protected with a password. */
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

/**
 * Stages one sheet of an .xlsx workbook (the first unless `options.sheet` names another). The
 * header is the first non-empty row; `__sheet_row` is the row number Excel shows, so a clinician
 * can find any record in the workbook. Formulas give their cached result; a merged cell's value
 * fills every cell of the merge, as Excel shows it.
 */
export async function readXlsx(
	db: LocalEngine,
	source: SourceFile,
	table: string,
	options: ReadOptions = {}
): Promise<StagedFile> {
	const bytes = new Uint8Array(await source.blob.arrayBuffer());
	const { sheets, sheet, cells } = await sheetCells(source.name, bytes, options.sheet);
	const filled = (row: Cell[] | undefined) => !!row?.some((cell) => cell !== null);
	const headerAt = cells.findIndex(filled);
	if (headerAt < 0) throw new Error(`${source.name}: the sheet '${sheet}' is empty.`);
	// Formatted but empty rows after the table are not blank records.
	const end = cells.findLastIndex(filled) + 1;
	const width = cells.reduce((w, row) => Math.max(w, row?.length ?? 0), 0);
	const header = Array.from({ length: width }, (_, c) => cells[headerAt]![c] ?? null);
	// Columns with neither a name nor a value are layout (a table starting in column B), not data.
	const kept = header
		.map((_, c) => c)
		.filter((c) => header[c] !== null || cells.some((row, r) => r > headerAt && row?.[c] != null));
	const names = stagingColumnNames(header);
	const notes = [`Read sheet '${sheet}'.`];
	const dropped = width - kept.length;
	if (dropped > 0)
		notes.push(`${dropped} empty column${dropped === 1 ? '' : 's'} without a header skipped.`);

	const report = progressReporter(source, options.onProgress, () => bytes.byteLength);
	const rows = new StagingRows(
		kept.map((c) => names[c]!),
		{ sheetRow: true, onChunk: report }
	);
	for (let r = headerAt + 1; r < end; r++) {
		const row = cells[r] ?? [];
		rows.add(
			kept.map((c) => row[c] ?? null),
			r + 1
		);
	}
	return stageRows(db, source, table, 'xlsx', rows, { sheets, sheet, notes });
}

/**
 * One sheet's cells as text: row n of the sheet is cells[n - 1], column c + 1 is cells[..][c].
 * Only the text leaves this function, so the workbook model (the bulk of the memory) can go.
 * The library (~870 kB) is loaded on first use: the app's first load carries none of it.
 */
async function sheetCells(name: string, bytes: Uint8Array, wanted: string | undefined) {
	if (bytes.length === 0) throw new Error(`${name} is empty.`);
	if (OLE2_MAGIC.every((b, i) => bytes[i] === b)) {
		throw new Error(
			`${name} is an old-style .xls workbook or is protected with a password: ` +
				'open it in Excel and save it as an unprotected Excel Workbook (.xlsx).'
		);
	}
	const { Workbook } = await import('@cj-tech-master/excelts');
	const workbook = new Workbook();
	try {
		await workbook.xlsx.load(bytes);
	} catch (e) {
		throw new Error(`${name} is not an Excel workbook (.xlsx), or it is damaged.`, { cause: e });
	}
	const sheets = workbook.worksheets.map((w) => w.name);
	const sheet = wanted ?? sheets[0];
	const worksheet = workbook.worksheets.find((w) => w.name === sheet);
	if (sheet === undefined) throw new Error(`${name}: the workbook has no sheets.`);
	if (!worksheet) {
		throw new Error(
			`${name}: the workbook has no sheet named '${sheet}' (sheets: ${sheets.join(', ')}).`
		);
	}
	const cells: Cell[][] = [];
	worksheet.eachRow({ includeEmpty: true }, (row, n) => {
		cells[n - 1] = (row.values as CellValue[]).slice(1).map(excelText);
	});
	return { sheets, sheet, cells };
}

/** A cell as the sheet shows it: formulas by their cached result, rich text as plain text. */
function excelText(value: CellValue): Cell {
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
