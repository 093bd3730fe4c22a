import type { Cell } from './cell-text';

/** One sheet row as text: its number as Excel shows it, and cell c + 1 in cells[c]. */
export type RowVisitor = (row: number, cells: Cell[]) => void;

/** A sheet to read, with the workbook's sheets: what both ways of reading a workbook give. */
export interface SheetRows {
	sheets: string[];
	sheet: string;
	/** Visits every row in order, from row 1 to the last, rows never written as empty ones. */
	eachRow(visit: RowVisitor): Promise<void>;
}

export const notAWorkbook = (name: string, cause?: unknown) =>
	new Error(`${name} is not an Excel workbook (.xlsx), or it is damaged.`, { cause });

/** The sheet asked for, or the first; the plain reason when the workbook has no such sheet. */
export function chooseSheet(name: string, sheets: readonly string[], wanted?: string): string {
	const sheet = wanted ?? sheets[0];
	if (sheet === undefined) throw new Error(`${name}: the workbook has no sheets.`);
	if (!sheets.includes(sheet)) {
		throw new Error(
			`${name}: the workbook has no sheet named '${sheet}' (sheets: ${sheets.join(', ')}).`
		);
	}
	return sheet;
}
