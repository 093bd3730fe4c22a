import { csvParse } from 'd3-dsv';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HOSTILE, hostileCsv } from '../fixtures/hostile';
import { launchBrowser, openImportScreen, type PageWatch } from './support/browser';

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
