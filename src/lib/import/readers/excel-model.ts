import type { CellValue } from '@cj-tech-master/excelts';
import { excelText } from './excel-text';
import type { SheetRows } from './excel-stream';
import type { Cell } from './cell-text';

/**
 * One sheet of a workbook loaded whole (excelts' Workbook), for workbooks small enough: the
 * model costs ~500 bytes of memory a cell, but reads every cell as Excel shows it — a formula's
 * cached error or TRUE/FALSE, a date computed by a formula. Only the cells' text is kept, so the
 * model can go as soon as this returns. The library is loaded on first use.
 */
export async function modelSheet(
	name: string,
	bytes: Uint8Array,
	wanted: string | undefined
): Promise<SheetRows> {
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
	if (!worksheet) throw new Error(noSuchSheet(name, sheet, sheets));
	const cells: Cell[][] = [];
	worksheet.eachRow({ includeEmpty: true }, (row, n) => {
		cells[n - 1] = (row.values as CellValue[]).slice(1).map(excelText);
	});
	return {
		sheets,
		sheet,
		async eachRow(visit) {
			cells.forEach((row, i) => visit(i + 1, row));
		}
	};
}

export const noSuchSheet = (name: string, sheet: string, sheets: readonly string[]) =>
	`${name}: the workbook has no sheet named '${sheet}' (sheets: ${sheets.join(', ')}).`;
