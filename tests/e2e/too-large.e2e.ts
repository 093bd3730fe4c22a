import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openImportScreen, type PageWatch } from './support/browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let watch: PageWatch;
let shownBefore: string | null;

beforeAll(async () => {
	browser = await launchBrowser();
	({ page, watch } = await openImportScreen(browser, baseUrl));
	shownBefore = await page.textContent('[data-testid="dataset-summary"]');
});
afterAll(() => browser?.close());

/**
 * Drops files of the given sizes in megabytes (10⁶ bytes), each one megabyte of zeros repeated:
 * Blob parts are referenced, not copied, so a 400 MB file costs the page one megabyte. Zeros are
 * neither CSV nor a workbook: a file that were read would fail with another message.
 */
async function dropLarge(files: [name: string, megabytes: number][]) {
	await page.waitForSelector('[data-testid="drop-zone"]');
	await page.evaluate((sizes) => {
		const megabyte = new Blob([new Uint8Array(1_000_000)]);
		const transfer = new DataTransfer();
		for (const [name, n] of sizes) {
			transfer.items.add(new File(Array<Blob>(n).fill(megabyte), name));
		}
		document
			.querySelector('[data-testid="drop-zone"]')!
			.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true }));
	}, files);
}

async function refusal(): Promise<string> {
	const summary = await page.waitForSelector('[data-testid="import-error"] .summary');
	return (await summary.textContent()) ?? '';
}

const SERVER = /For larger datasets, import on the command line .*npm run serve -- dataset\.duckdb/;

describe('a file too large for the browser tab', () => {
	it('is refused before it is read, with what fits and the server option', async () => {
		await dropLarge([['sessions.csv', 1100]]);
		const text = await refusal();
		expect(text).toMatch(
			/^sessions\.csv is 1.1 GB; this browser tab can import CSV or text files up to about 1 GB \(about 10 million sessions\)\. /
		);
		expect(text).toMatch(SERVER);
		// Back at the choice of files; the dataset loaded before is the one still shown.
		await page.waitForSelector('[data-testid="drop-zone"]');
		expect(await page.textContent('[data-testid="dataset-summary"]')).toBe(shownBefore);
	});

	it('counts several files together', async () => {
		await dropLarge([
			['north.csv', 600],
			['south.csv', 600]
		]);
		await expect
			.poll(refusal)
			.toMatch(/^Together, north\.csv and south\.csv are 1.2 GB; this browser tab can import/);
		expect(await page.textContent('[data-testid="dataset-summary"]')).toBe(shownBefore);
	});

	it('says why an Excel workbook is held to a smaller size', async () => {
		await dropLarge([['sessions.xlsx', 60]]);
		await expect
			.poll(refusal)
			.toMatch(/^sessions\.xlsx is 60 MB; .* Excel workbooks up to about 50 MB/);
		const text = await refusal();
		expect(text).toMatch(/parsed in JavaScript, .* save the sheet as CSV/);
		expect(text).toMatch(SERVER);
		expect(await page.textContent('[data-testid="dataset-summary"]')).toBe(shownBefore);
	});

	it('leaves the import screen ready for a file that fits', async () => {
		const messy = readFileSync('tests/fixtures/import/messy-semicolon.csv');
		await page.setInputFiles('[data-testid="file-input"]', {
			name: 'messy-semicolon.csv',
			mimeType: 'text/csv',
			buffer: messy
		});
		await page.waitForSelector('[data-testid="mapping-editor"]', { timeout: 60_000 });
		expect(await page.$('[data-testid="import-error"]')).toBeNull();
		expect(watch.errors).toEqual([]);
	});
});
