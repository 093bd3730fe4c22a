import { readFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { csvParse } from 'd3-dsv';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { WHOLE_WORKBOOK_MAX_BYTES } from '../../src/lib/import/readers/excel';
import { launchBrowser, openImportScreen } from './support/browser';

// An Excel workbook imported through the import screen, both ways the browser reads one: loaded
// whole (a small file) and row by row from its XML (a file over WHOLE_WORKBOOK_MAX_BYTES — here
// the same sheet, padded with an unrelated part, so the test stays quick). The import report must
// be the same, row for row.
const baseUrl = inject('baseUrl');
const ROWS = 400;
let browser: Browser;
let small: Buffer;
let large: Buffer;

/** The bundled sample's first rows as a sheet: text as text, numbers as numbers. */
async function sampleWorkbook(): Promise<Uint8Array> {
	const parsed = csvParse(readFileSync('sample-data/sessions.csv', 'utf8'));
	const [columns, rows] = [parsed.columns, parsed.slice(0, ROWS)];
	const cell = (v: string | undefined) =>
		v === undefined || v === '' ? null : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
	const data = [columns, ...rows.map((r) => columns.map((c) => cell(r[c])))];
	const blob = await writeXlsxFile(data as never).toBlob();
	return new Uint8Array(await blob.arrayBuffer());
}

/** The same workbook with a stored part of random bytes (nothing a reader looks at) added. */
function padded(bytes: Uint8Array, size: number): Uint8Array {
	let seed = 7;
	const noise = Uint8Array.from({ length: size }, () => (seed = (seed * 48271) % 2147483647) & 255);
	return zipSync({ ...unzipSync(bytes), 'xl/media/padding.bin': [noise, { level: 0 }] });
}

async function importReport(name: string, bytes: Buffer) {
	const { page, watch } = await openImportScreen(browser, baseUrl);
	await page.setInputFiles('[data-testid="file-input"]', {
		name,
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: bytes
	});
	await page.waitForSelector('[data-testid="mapping-editor"]', { timeout: 60_000 });
	await page.click('[data-testid="run-import"]');
	await page.waitForSelector('[data-testid="import-report"]', { timeout: 60_000 });
	const count = (id: string) => page.textContent(`[data-testid="count-${id}"]`);
	const report = {
		rows: await count('rows'),
		accepted: await count('accepted'),
		rejected: await count('rejected'),
		patients: await count('patients'),
		sessions: await count('sessions')
	};
	expect(watch.errors).toEqual([]);
	await page.close();
	return report;
}

describe('an Excel workbook imported in the browser', () => {
	beforeAll(async () => {
		browser = await launchBrowser();
		const workbook = await sampleWorkbook();
		small = Buffer.from(workbook);
		large = Buffer.from(padded(workbook, WHOLE_WORKBOOK_MAX_BYTES + 100_000));
		expect(small.length).toBeLessThan(WHOLE_WORKBOOK_MAX_BYTES);
		expect(large.length).toBeGreaterThan(WHOLE_WORKBOOK_MAX_BYTES);
	});
	afterAll(() => browser?.close());

	it('gives the same report read whole and read row by row, every row accounted for', async () => {
		const whole = await importReport('sessions.xlsx', small);
		expect(whole.rows).toBe(String(ROWS));
		expect(Number(whole.accepted) + Number(whole.rejected)).toBe(ROWS);
		expect(Number(whole.accepted)).toBeGreaterThan(ROWS * 0.9);
		expect(await importReport('sessions-large.xlsx', large)).toEqual(whole);
	});
});
