import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile, { type SheetData } from 'write-excel-file/universal';
import type { LocalEngine } from '../../engine/engine';
import { createNodeEngine } from '../../engine/node-engine';
import { readXlsx } from './excel';
import type { ReadOptions, SourceFile } from './types';
import { HOSTILE, rowsOf, sameFromDisk } from './test-support';

let db: LocalEngine;
beforeAll(async () => {
	db = await createNodeEngine();
});
afterAll(() => db.close());

const date = (iso: string, format = 'yyyy-mm-dd') => ({ value: new Date(iso), type: Date, format });

/** Sheet 1 "Sessions": header on row 1, a blank row 4, a formula, hostile text. */
const SESSIONS: SheetData = [
	[' Patient ', 'Pain', 'pain', 'Date', 'Notes', 'Flag'],
	['P1', 7.5, 0.3, date('2024-03-05T00:00:00Z'), HOSTILE[0], true],
	['P2', 10, null, date('2024-03-06T14:30:00Z', 'yyyy-mm-dd hh:mm:ss'), HOSTILE[1], false],
	[null, null, null, null, null, null],
	[
		'P3',
		{ value: '=0.1+0.2', type: 'Formula' },
		3,
		date('1899-12-30T08:30:00Z', 'hh:mm'),
		HOSTILE[2],
		null
	],
	['P4 💥', -1.25, 1234567.891, null, HOSTILE[3], null],
	['  spaced  ', 0, 1e-7, null, HOSTILE[4], null],
	[
		'P6',
		{ value: '=1/0', type: 'Formula' },
		null,
		null,
		'=HYPERLINK("http://example.org","x")',
		null
	],
	['P7', null, null, null, 'x'.repeat(32_767), 'RICH']
];

/** Sheet 2 "Visits": a blank first row and column, merged cells, empty rows after the table. */
const VISITS: SheetData = [
	[null],
	[null, 'Visit', 'Score'],
	[null, 'v1', 5],
	[null, { value: 'merged', columnSpan: 2 }, null],
	[null, { value: 'down', rowSpan: 2 }, 6],
	[null, null, 7],
	[null, null, null],
	[null]
];

/** Writes the workbook, then adds what Excel saves and the writer cannot: cached formula results
 * (a float-noise sum, an error) and a rich-text cell. */
async function workbook(): Promise<Uint8Array<ArrayBuffer>> {
	const blob = await writeXlsxFile([
		{ data: SESSIONS, sheet: 'Sessions' },
		{ data: VISITS, sheet: 'Visits' }
	]).toBlob();
	const parts = unzipSync(new Uint8Array(await blob.arrayBuffer()));
	const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
	const cached = sheet
		.replace('<f>=0.1+0.2</f>', '<f>0.1+0.2</f><v>0.30000000000000004</v>')
		.replace(/<c r="(\w+)"><f>=1\/0<\/f>/, '<c r="$1" t="e"><f>1/0</f><v>#DIV/0!</v>');
	const strings = strFromU8(parts['xl/sharedStrings.xml']!);
	const rich = '<si><r><t>bo</t></r><r><rPr><b/></rPr><t xml:space="preserve">ld </t></r></si>';
	expect(cached).not.toBe(sheet);
	return new Uint8Array(
		zipSync({
			...parts,
			'xl/worksheets/sheet1.xml': strToU8(cached),
			'xl/sharedStrings.xml': strToU8(strings.replace('<si><t>RICH</t></si>', rich))
		})
	);
}

// Both ways of reading a workbook — loaded whole (up to a size), row by row from its XML (beyond)
// — give the same tables and notes.
describe.each([
	['loaded whole', Infinity],
	['read row by row', 0]
] as const)('readXlsx, %s', (how, wholeWorkbookMaxBytes) => {
	const streamed = how === 'read row by row';
	/** Each way stages its own tables. */
	const t = (name: string) => (streamed ? `${name}_rows` : name);
	const readXlsxAs = (
		db: LocalEngine,
		source: SourceFile,
		table: string,
		options: ReadOptions = {}
	) => readXlsx(db, source, table, { ...options, wholeWorkbookMaxBytes });

	it('stages the first sheet as text, numbered by record and by sheet row', async () => {
		const bytes = await workbook();
		const staged = await readXlsxAs(
			db,
			{ name: 'sessions.xlsx', blob: new Blob([bytes]) },
			t('x1')
		);
		expect(staged).toEqual({
			file: 'sessions.xlsx',
			format: 'xlsx',
			table: t('x1'),
			columns: ['Patient', 'Pain', 'pain (2)', 'Date', 'Notes', 'Flag'],
			rows: 7,
			notes: ["Read sheet 'Sessions'.", '1 blank row skipped (not counted as records).'],
			sheets: ['Sessions', 'Visits'],
			sheet: 'Sessions'
		});
		const row = (n: number, s: number, ...cells: (string | null)[]) => {
			const [Patient, Pain, pain2, Date, Notes, Flag] = cells;
			return {
				__source_row: n,
				__sheet_row: s,
				Patient,
				Pain,
				'pain (2)': pain2,
				Date,
				Notes,
				Flag
			};
		};
		expect(await rowsOf(db, t('x1'))).toEqual([
			row(1, 2, 'P1', '7.5', '0.3', '2024-03-05', HOSTILE[0], 'true'),
			row(2, 3, 'P2', '10', null, '2024-03-06T14:30:00', HOSTILE[1], 'false'),
			row(3, 5, 'P3', '0.3', '3', '08:30:00', HOSTILE[2], null),
			row(4, 6, 'P4 💥', '-1.25', '1234567.891', null, HOSTILE[3], null),
			row(5, 7, '  spaced  ', '0', '1e-7', null, HOSTILE[4], null),
			row(6, 8, 'P6', '#DIV/0!', null, null, '=HYPERLINK("http://example.org","x")', null),
			row(7, 9, 'P7', null, null, null, 'x'.repeat(32_767), 'bold ')
		]);
	});

	it('reads another sheet by name from its first non-empty row; merged cells fill their range', async () => {
		const blob = new Blob([await workbook()]);
		const staged = await readXlsxAs(db, { name: 'sessions.xlsx', blob }, t('x2'), {
			sheet: 'Visits'
		});
		expect(staged.columns).toEqual(['Visit', 'Score']);
		expect(staged.notes).toEqual([
			"Read sheet 'Visits'.",
			'1 empty column without a header skipped.'
		]);
		expect(staged.sheet).toBe('Visits');
		expect(await rowsOf(db, t('x2'))).toEqual([
			{ __source_row: 1, __sheet_row: 3, Visit: 'v1', Score: '5' },
			{ __source_row: 2, __sheet_row: 4, Visit: 'merged', Score: 'merged' },
			{ __source_row: 3, __sheet_row: 5, Visit: 'down', Score: '6' },
			{ __source_row: 4, __sheet_row: 6, Visit: 'down', Score: '7' }
		]);
	});

	it('names the sheets when asked for one the workbook lacks', async () => {
		const blob = new Blob([await workbook()]);
		await expect(
			readXlsxAs(db, { name: 'sessions.xlsx', blob }, t('x3'), { sheet: 'Data' })
		).rejects.toThrow(
			"sessions.xlsx: the workbook has no sheet named 'Data' (sheets: Sessions, Visits)."
		);
	});

	it('explains files that are not .xlsx workbooks', async () => {
		const read = (bytes: number[]) =>
			readXlsxAs(db, { name: 'a.xlsx', blob: new Blob([new Uint8Array(bytes)]) }, t('x4'));
		await expect(read([])).rejects.toThrow('a.xlsx is empty.');
		await expect(read([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])).rejects.toThrow(
			/old-style \.xls workbook or is protected with a password/
		);
		await expect(read([...strToU8('patient,pain\n')])).rejects.toThrow(
			'a.xlsx is not an Excel workbook (.xlsx), or it is damaged.'
		);
	});

	it('gives the same table from an in-memory Blob and from a file on disk', async () => {
		await sameFromDisk(db, await workbook(), 'sessions.xlsx', readXlsxAs);
	});
});
