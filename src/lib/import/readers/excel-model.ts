import type { CellValue } from '@cj-tech-master/excelts';
import type { Cell } from './cell-text';
import { chooseSheet, notAWorkbook, type SheetRows } from './excel-sheet';
import { excelText } from './excel-text';

/**
 * One sheet of a workbook loaded whole by excelts, for workbooks small enough: the model costs
 * ~500 bytes of memory a cell. Only the cells' text is kept, so the model can go as soon as this
 * returns. The library is loaded on first use.
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
		throw notAWorkbook(name, e);
	}
	const sheets = workbook.worksheets.map((w) => w.name);
	const sheet = chooseSheet(name, sheets, wanted);
	const worksheet = workbook.worksheets.find((w) => w.name === sheet)!;
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
