import type { LocalEngine } from '../../engine/engine';
import type { Cell } from './cell-text';
import { stagingColumnNames } from './columns';
import { modelSheet } from './excel-model';
import type { RowVisitor, SheetRows } from './excel-sheet';
import { streamedSheet } from './excel-stream';
import { progressReporter, StagingRows, stageRows } from './records';
import type { ReadOptions, SourceFile, StagedFile } from './types';

/** An OLE2 container: a legacy .xls workbook, or an .xlsx protected with a password. */
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

/**
 * Workbooks up to this size are loaded whole by excelts (excel-model.ts); larger ones row by row
 * from their XML (excel-stream.ts), whose memory does not grow with the rows, giving the same
 * tables (excel.test.ts reads every case both ways). At ~500
 * bytes of memory a cell loaded whole and 3.45 bytes a cell in the generator's file, 7 MB is
 * about a gigabyte of memory (import/size-limits.ts).
 */
export const WHOLE_WORKBOOK_MAX_BYTES = 7_000_000;

/**
 * Stages one sheet of an .xlsx workbook (the first unless `options.sheet` names another). The
 * header is the first non-empty row; `__sheet_row` is the row number Excel shows, so a clinician
 * can find any record in the workbook. Formulas give their cached result; a merged cell's value
 * fills every cell of the merge, as Excel shows it. The sheet's rows are visited twice, once to
 * find the header, the last row and the columns in use, once to stage: from the whole-workbook
 * model up to WHOLE_WORKBOOK_MAX_BYTES, from the file row by row beyond, where a workbook then
 * takes the memory of its staged rows, as a CSV does.
 */
export async function readXlsx(
	db: LocalEngine,
	source: SourceFile,
	table: string,
	options: ReadOptions = {}
): Promise<StagedFile> {
	const bytes = new Uint8Array(await source.blob.arrayBuffer());
	const { sheets, sheet, eachRow } = await chosenSheet(
		source.name,
		bytes,
		options.sheet,
		options.wholeWorkbookMaxBytes ?? WHOLE_WORKBOOK_MAX_BYTES
	);
	const { header, headerRow, lastRow, filled } = await sheetLayout(eachRow);
	if (headerRow === null) throw new Error(`${source.name}: the sheet '${sheet}' is empty.`);
	// Columns with neither a name nor a value are layout (a table starting in column B), not data.
	const kept = header.map((_, c) => c).filter((c) => header[c] !== null || filled[c]);
	const names = stagingColumnNames(header);
	const notes = [`Read sheet '${sheet}'.`];
	const dropped = header.length - kept.length;
	if (dropped > 0)
		notes.push(`${dropped} empty column${dropped === 1 ? '' : 's'} without a header skipped.`);

	const report = progressReporter(source, options.onProgress, () => bytes.byteLength);
	const rows = new StagingRows(
		kept.map((c) => names[c]!),
		{ sheetRow: true, onChunk: report }
	);
	// Formatted but empty rows after the table are not blank records.
	await eachRow((n, cells) => {
		if (n > headerRow && n <= lastRow)
			rows.add(
				kept.map((c) => cells[c] ?? null),
				n
			);
	});
	return stageRows(db, source, table, 'xlsx', rows, { sheets, sheet, notes });
}

/**
 * The first pass: the header (the first row with a value, as wide as the widest row), its row
 * number and that of the last row with a value (null when none has), and which columns hold a
 * value below the header.
 */
async function sheetLayout(eachRow: (visit: RowVisitor) => Promise<void>) {
	let header: Cell[] = [];
	let headerRow: number | null = null;
	let lastRow = 0;
	let width = 0;
	const filled: boolean[] = [];
	await eachRow((n, cells) => {
		width = Math.max(width, cells.length);
		if (!cells.some((cell) => cell !== null)) return;
		lastRow = n;
		if (headerRow === null) [header, headerRow] = [cells, n];
		else cells.forEach((cell, c) => (filled[c] ||= cell !== null));
	});
	header = Array.from({ length: width }, (_, c) => header[c] ?? null);
	return { header, headerRow: headerRow as number | null, lastRow, filled };
}

/** The sheet asked for (or the first), read whole or row by row; plain errors otherwise. */
async function chosenSheet(
	name: string,
	bytes: Uint8Array,
	wanted: string | undefined,
	wholeMax: number
): Promise<SheetRows> {
	if (bytes.length === 0) throw new Error(`${name} is empty.`);
	if (OLE2_MAGIC.every((b, i) => bytes[i] === b)) {
		throw new Error(
			`${name} is an old-style .xls workbook or is protected with a password: ` +
				'open it in Excel and save it as an unprotected Excel Workbook (.xlsx).'
		);
	}
	return bytes.length <= wholeMax
		? modelSheet(name, bytes, wanted)
		: streamedSheet(name, bytes, wanted);
}
