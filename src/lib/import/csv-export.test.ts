import { csvParse } from 'd3-dsv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../../tests/support/db';
import type { LocalEngine } from '../engine/engine';
import { rowObjects } from '../engine/rows';
import { problemsCsvQuery, type ProblemFilter } from './report-queries';

const ALL: ProblemFilter = { severity: null, reason: null, text: null };
let db: LocalEngine;

/** An import_problems table holding these values (row 1, 2, …), as an import leaves it. */
async function problemsWith(values: (string | null)[]) {
	await db.query({
		sql: `CREATE OR REPLACE TABLE import_problems AS SELECT 'a.csv' AS file, "row",
			NULL::INTEGER AS sheet_row, 'Pain' AS "column", value, 'rejected_value' AS severity,
			'not_numeric' AS reason, 'Not a number.' AS message
		FROM (VALUES ${values.map((_, i) => `(${i + 1}, ?::VARCHAR)`).join(', ')}) t("row", value)`,
		params: values
	});
}

async function csvText(filter = ALL): Promise<string> {
	const [{ csv }] = rowObjects<{ csv: string }>(await db.query(problemsCsvQuery(filter))) as [
		{ csv: string }
	];
	return csv;
}

beforeAll(async () => {
	db = await freshDb();
});
afterAll(() => db.close());

describe('the problems CSV, made in SQL', () => {
	it.each(['=1+2', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x'])(
		'neutralises %j so a spreadsheet runs no formula',
		async (cell) => {
			await problemsWith([cell]);
			expect(csvParse(await csvText())[0]!.value).toBe(`'${cell}`);
		}
	);

	it('leaves ordinary text and numbers alone', async () => {
		await problemsWith(['7.5', 'Low back pain']);
		expect(csvParse(await csvText()).map((r) => r.value)).toEqual(['7.5', 'Low back pain']);
	});

	it('quotes delimiters, quotes and line breaks so the file parses back, text verbatim', async () => {
		await problemsWith(['said "hi", then\nleft', null, '\ufeff', 'a\r\nb']);
		const text = await csvText();
		expect(text.startsWith('file,row,sheet_row,column,value,severity,reason,message\r\n')).toBe(
			true
		);
		expect(text.endsWith('\r\n')).toBe(true);
		expect(csvParse(text).map((r) => ({ ...r }))).toEqual(
			['said "hi", then\nleft', '', '\ufeff', 'a\r\nb'].map((value, i) => ({
				file: 'a.csv',
				row: String(i + 1),
				sheet_row: '',
				column: 'Pain',
				value,
				severity: 'rejected_value',
				reason: 'not_numeric',
				message: 'Not a number.'
			}))
		);
	});

	it('holds the problems the filter matches, and only the header when none does', async () => {
		await problemsWith(['x', 'needle', 'y']);
		expect(csvParse(await csvText({ ...ALL, text: 'needle' })).map((r) => r.row)).toEqual(['2']);
		expect(await csvText({ ...ALL, reason: 'out_of_range' })).toBe(
			'file,row,sheet_row,column,value,severity,reason,message\r\n'
		);
	});
});
