import { csvParse } from 'd3-dsv';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HOSTILE, hostileCsv } from '../fixtures/hostile';
import { launchBrowser, openImportScreen, type PageWatch } from './support/browser';
import { chartTable, download, figure, ready } from './support/analysis';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
	browser = await launchBrowser();
	({ page, watch } = await openImportScreen(browser, baseUrl));
	await page.setInputFiles('[data-testid="file-input"]', {
		name: 'hostile.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(hostileCsv())
	});
	await page.waitForSelector('[data-testid="mapping-editor"]', { timeout: 60_000 });
	// The preview answers after the editor appears (its query queues behind other work).
	await page.waitForSelector('[data-testid="preview"] td', { timeout: 60_000 });
});
afterAll(() => browser?.close());

const pwned = (p: Page) => p.evaluate(() => (window as { __pwned?: number }).__pwned ?? null);

describe('hostile file contents in the browser', () => {
	it('are shown as text in the preview, never run', async () => {
		const cells = await page.$$eval('[data-testid="preview"] td', (tds) =>
			tds.map((td) => td.textContent)
		);
		expect(cells).toContain(HOSTILE.script);
		expect(cells).toContain(HOSTILE.img);
		expect(await page.$$('[data-testid="preview"] script, [data-testid="preview"] img')).toEqual(
			[]
		);
		expect(await pwned(page)).toBeNull();
	});

	it('are listed as text in the problems table', async () => {
		await page.click('[data-testid="run-import"]');
		await page.waitForSelector('[data-testid="problems-table"]', { timeout: 60_000 });
		const values = await page.$$eval('[data-testid="problems-table"] td.value', (tds) =>
			tds.map((td) => td.textContent)
		);
		expect(values).toEqual([HOSTILE.formulaPain, HOSTILE.img]);
		expect(await pwned(page)).toBeNull();
	});

	it('are neutralised in the CSV download, so a spreadsheet runs no formula', async () => {
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.click('[data-testid="download-problems"]')
		]);
		const csv = readFileSync((await download.path())!, 'utf8');
		expect(csv).toContain(`'${HOSTILE.formulaPain}`);
		expect(csv).not.toMatch(/(^|,)=1\+2/m);
		// Made in the engine, it parses back: every problem, each value whole.
		expect(csvParse(csv).map((r) => [r.reason, r.value])).toEqual([
			['not_numeric', `'${HOSTILE.formulaPain}`],
			['not_numeric', HOSTILE.img]
		]);
	});

	it('logged no errors', () => {
		expect(watch.errors).toEqual([]);
	});
});

/**
 * Sessions whose condition and technique labels are formulas and markup: six patients in one
 * cell (enough to show its numbers), two in another (too few).
 */
function hostileLabelsCsv(): string {
	const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
	const rows = ['patient_id,condition,technique,session_date,pain'];
	const add = (patient: string, technique: string, i: number) =>
		['2025-03-03', '2025-03-10', '2025-03-17'].forEach((day, k) =>
			rows.push([patient, q(HOSTILE.formula), q(technique), day, String(8 - k - (i % 3))].join(','))
		);
	for (let i = 0; i < 6; i++) add(`P${i}`, '+SUM(A1)', i);
	for (let i = 0; i < 2; i++) add(`Q${i}`, HOSTILE.script, i);
	return rows.join('\n');
}

describe('hostile labels on the analysis page', () => {
	let charts: Page;
	let chartsWatch: PageWatch;
	beforeAll(async () => {
		({ page: charts, watch: chartsWatch } = await openImportScreen(browser, baseUrl));
		await charts.setInputFiles('[data-testid="file-input"]', {
			name: 'hostile-labels.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(hostileLabelsCsv())
		});
		await charts.waitForSelector('[data-testid="mapping-editor"]', { timeout: 60_000 });
		await charts.click('[data-testid="run-import"]');
		await charts.waitForSelector('[data-testid="import-report"]', { timeout: 60_000 });
		await charts.click('[data-testid="open-dashboard"]');
	});

	it("are drawn and tabled as text, and neutralised in the chart's CSV", async () => {
		const matrix = figure(await ready(charts, 'matrix-panel'), /by condition and technique$/);
		const table = await chartTable(matrix);
		expect(table.slice(1).map((r) => r.slice(0, 2))).toEqual(
			expect.arrayContaining([
				[HOSTILE.formula, '+SUM(A1)'],
				[HOSTILE.formula, HOSTILE.script]
			])
		);
		// The six-patient cell has its numbers; the label is the axis text, as written.
		const shown = table.find((r) => r[1] === '+SUM(A1)')!;
		expect(shown[4]).toMatch(/^\d+\.\d$/);
		expect(await matrix.locator('svg text', { hasText: HOSTILE.script }).count()).toBe(1);
		expect(await charts.$$('[data-testid="matrix-panel"] script')).toEqual([]);
		const csv = csvParse((await download(charts, matrix, 'CSV')).bytes.toString('utf8').slice(1));
		const cells = csv.map((r) => [r['Condition'], r['Technique']]);
		expect(cells).toEqual(
			expect.arrayContaining([
				[`'${HOSTILE.formula}`, `'+SUM(A1)`],
				[`'${HOSTILE.formula}`, HOSTILE.script]
			])
		);
		expect(await pwned(charts)).toBeNull();
		expect(chartsWatch.errors).toEqual([]);
	});
});
