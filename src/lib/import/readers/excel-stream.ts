import type { Cell } from './cell-text';
import { chooseSheet, notAWorkbook, type SheetRows } from './excel-sheet';
import { excelText } from './excel-text';
import { workbookParts, type WorkbookParts } from './xlsx-parts';
import { attribute, elements, readParts, runText, unescapeXml } from './xlsx-zip';

/**
 * One sheet of a workbook read row by row from its XML, for workbooks too large to load whole:
 * the sheet is decompressed and parsed chunk by chunk, so memory holds the shared strings and
 * the rows in flight, never a model of every cell. Cells read as the whole-workbook model reads
 * them (excel-model.ts): shared and inline strings, numbers to Excel's 15 digits, dates by their
 * cell's number format, TRUE/FALSE, errors (#DIV/0!), a formula by its cached result; merged
 * ranges, listed after the rows, come first from the zip (workbookParts) and fill their cells.
 */
export async function streamedSheet(
	name: string,
	bytes: Uint8Array,
	wanted: string | undefined
): Promise<SheetRows> {
	let parts: WorkbookParts | null;
	try {
		parts = await workbookParts(bytes);
	} catch (e) {
		throw notAWorkbook(name, e);
	}
	if (!parts) throw notAWorkbook(name);
	const sheets = parts.sheets.map((p) => p.name);
	const sheet = chooseSheet(name, sheets, wanted);
	const part = parts.sheets.find((p) => p.name === sheet)!;
	const workbook = parts;
	return {
		sheets,
		sheet,
		async eachRow(visit) {
			const fill = mergeFiller(part.merges);
			let last = 0;
			await readParts(bytes, (partName) =>
				partName === part.part
					? elements('row', (xml) => {
							const n = Number(attribute(xml, 'r') ?? last + 1);
							while (++last < n) visit(last, fill(last, []));
							visit(n, fill(n, rowCells(xml, workbook)));
						})
					: null
			);
		}
	};
}

/** A <row> element's cells as text, cell c + 1 in cells[c] (a cell without r follows the last). */
function rowCells(xml: string, workbook: WorkbookParts): Cell[] {
	const cells: Cell[] = [];
	let column = 0;
	for (const m of xml.matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
		const [, attributes = '', body = ''] = m;
		const ref = /\br="([A-Z]+)\d*"/.exec(attributes)?.[1];
		column = ref ? columnNumber(ref) : column + 1;
		cells[column - 1] = cellValue(` ${attributes}`, body, workbook);
	}
	return cells;
}

/** A cell as the sheet shows it, by its type (t="…") and, for a number, its style's format. */
function cellValue(attributes: string, body: string, workbook: WorkbookParts): Cell {
	const type = attribute(attributes, 't') ?? 'n';
	if (type === 'inlineStr') {
		const is = /<(?:\w+:)?is>[\s\S]*?<\/(?:\w+:)?is>/.exec(body)?.[0];
		return is === undefined ? null : excelText(runText(is));
	}
	const v = /<(?:\w+:)?v>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
	if (v === undefined) return null;
	switch (type) {
		case 's':
			return excelText(workbook.strings[Number(v)] ?? null);
		case 'b':
			return excelText(v.trim() === '1');
		case 'str':
		case 'e':
		case 'd':
			return excelText(unescapeXml(v));
	}
	const number = Number(v);
	if (v.trim() === '' || Number.isNaN(number)) return excelText(unescapeXml(v));
	const style = Number(attribute(attributes, 's') ?? 0);
	if (!workbook.dateStyles[style]) return excelText(number);
	const day0 = workbook.date1904 ? 24107 : 25569; // 1970-01-01 as a serial day
	return excelText(new Date(Math.round((number - day0) * 86_400_000)));
}

/** "AB" → 28. */
const columnNumber = (letters: string) =>
	[...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

interface Range {
	top: number;
	left: number;
	bottom: number;
	right: number;
	value: Cell;
}

/**
 * Fills merged ranges, rows given in order: a range's first row gives its top-left value, which
 * every cell of the range then takes. Ranges are few; those passed are dropped.
 */
function mergeFiller(refs: readonly string[]): (row: number, cells: Cell[]) => Cell[] {
	const pending = refs.map(range).sort((a, b) => a.top - b.top);
	let active: Range[] = [];
	return (row, cells) => {
		while (pending.length && pending[0]!.top <= row) active.push(pending.shift()!);
		active = active.filter((r) => r.bottom >= row);
		for (const r of active) {
			if (r.top === row) r.value = cells[r.left - 1] ?? null;
			for (let c = r.left; c <= r.right; c++) cells[c - 1] = r.value;
		}
		for (let c = 0; c < cells.length; c++) cells[c] ??= null; // no holes
		return cells;
	};
}

function range(ref: string): Range {
	const [from, to] = ref.split(':') as [string, string];
	const [top, left] = address(from);
	const [bottom, right] = address(to);
	return { top, left, bottom, right, value: null };
}

/** "AB12" → [12, 28]: row and column, both from 1. */
function address(ref: string): [number, number] {
	const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(ref)!;
	return [Number(digits), columnNumber(letters!)];
}
