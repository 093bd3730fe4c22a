import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chartTable, ready } from './support/analysis';
import { launchBrowser, offOrigin, openImportScreen, type PageWatch } from './support/browser';

const baseUrl = inject('baseUrl');
const messy = readFileSync('tests/fixtures/import/messy-semicolon.csv');
let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
	browser = await launchBrowser();
	({ page, watch } = await openImportScreen(browser, baseUrl));
});
afterAll(() => browser?.close());

/** Drops a file on the drop zone the way a browser does: a drop event carrying a DataTransfer. */
async function dropFile(name: string, bytes: Buffer, on: Page = page) {
	const page = on;
	await page.waitForSelector('[data-testid="drop-zone"]');
	await page.evaluate(
		([fileName, data]) => {
			const transfer = new DataTransfer();
			transfer.items.add(new File([new Uint8Array(data)], fileName, { type: 'text/csv' }));
			const zone = document.querySelector('[data-testid="drop-zone"]')!;
			zone.dispatchEvent(
				new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true })
			);
		},
		[name, [...bytes]] as const
	);
}

/** The messy file's problems in row order: the 01/12/2026 session is after the app's clock. */
const MESSY_REASONS = [
	'out_of_range',
	'invalid_date',
	'missing_patient',
	'conflicting_duplicate',
	'exact_duplicate',
	'conflicting_duplicate',
	'not_numeric',
	'future_date'
];
const shownReasons = (on: Page) =>
	on.$$eval('[data-testid="problems-table"] tbody tr', (trs) =>
		trs.map((tr) => tr.getAttribute('data-reason'))
	);

/** The techniques the trend charts (the series in the table behind it, shown or suppressed). */
async function techniquesInTable() {
	const trend = await ready(page, 'trend');
	const [, ...rows] = await chartTable(trend.locator('figure.chart-frame'));
	return [...new Set(rows.map((r) => r[1]))].sort();
}

async function importAndOpenDashboard() {
	await page.click('[data-testid="run-import"]');
	await page.waitForSelector('[data-testid="import-report"]', { timeout: 60_000 });
}

describe('importing a messy semicolon, decimal-comma export', () => {
	it('suggests a mapping from the column names', async () => {
		await dropFile('messy-semicolon.csv', messy);
		await page.waitForSelector('[data-testid="mapping-editor"]', { timeout: 60_000 });
		expect(
			await page.inputValue('[data-testid="field-patient"] select[aria-label="Patient"]')
		).toBe('Client ID');
		expect(
			await page.inputValue('[data-testid="field-technique"] select[aria-label="Technique"]')
		).toBe('Modality');
	});

	it('reports exact counts and every problem', async () => {
		await importAndOpenDashboard();
		const count = (id: string) => page.textContent(`[data-testid="count-${id}"]`);
		expect(await count('rows')).toBe('12');
		expect(await count('accepted')).toBe('8');
		expect(await count('rejected')).toBe('4');
		expect(await count('corrected')).toBe('4');
		expect(await count('standardised')).toBe('19');
		await expect.poll(() => shownReasons(page)).toEqual(MESSY_REASONS);
		// A clinic manager reads plain words; the codes stay in data-reason and the CSV.
		const shown = await page.$$eval('[data-testid="problems-table"] tbody tr', (trs) =>
			trs.map((tr) => [
				tr.querySelector('.severity')?.textContent,
				tr.querySelector('.reason')?.textContent
			])
		);
		expect(shown.slice(0, 3)).toEqual([
			['Value rejected', 'Value out of range'],
			['Row rejected', 'Not a real date'],
			['Row rejected', 'No patient']
		]);
	});

	it('shows the new dataset on the dashboard', async () => {
		await page.click('[data-testid="open-dashboard"]');
		await ready(page, 'matrix-panel');
		expect(await techniquesInTable()).toEqual([
			'Deep tissue',
			'Myofascial release',
			'Neuromuscular / trigger point',
			'Swedish'
		]);
	});

	it('updates the chart when one mapping is changed', async () => {
		await page.goBack();
		await page.click('[data-testid="edit-mapping"]');
		await page.selectOption(
			'[data-testid="field-technique"] select[aria-label="Technique"]',
			'Therapist'
		);
		await importAndOpenDashboard();
		await page.click('[data-testid="open-dashboard"]');
		await expect.poll(techniquesInTable).toEqual(['Anna', 'Ben', 'Cleo', 'Dan']);
	});

	it('still has the dataset after a reload, replaced (not duplicated) by the mapping change', async () => {
		await page.reload();
		await ready(page, 'matrix-panel');
		expect(await page.textContent('[data-testid="dataset-summary"]')).toContain(
			'messy-semicolon.csv'
		);
		expect(await techniquesInTable()).toEqual(['Anna', 'Ben', 'Cleo', 'Dan']);
		await page.click('nav >> text=Datasets');
		await expect
			.poll(() => page.$$eval('[data-testid="dataset-row"]', (rows) => rows.length))
			.toBe(2);
	});

	it('made no request off the device and logged no errors', () => {
		expect(offOrigin(watch, baseUrl)).toEqual([]);
		expect(watch.errors).toEqual([]);
	});
});

describe('renaming and merging values after an import', () => {
	it('applies to the dataset and the chart', async () => {
		await page.click('nav >> text=Import');
		// The page was reloaded: the file is dropped again (its changed mapping is remembered).
		await dropFile('messy-semicolon.csv', messy);
		await page.waitForSelector('[data-testid="mapping-editor"]', { timeout: 60_000 });
		await page.selectOption(
			'[data-testid="field-technique"] select[aria-label="Technique"]',
			'Modality'
		);
		await page.click('[data-testid="run-import"]');
		await page.waitForSelector('[data-testid="category-values"]', { timeout: 60_000 });
		await page.fill('input[aria-label="Rename Swedish"]', 'Relaxation');
		await page.fill('input[aria-label="Rename Deep tissue"]', 'Relaxation');
		await page.click('[data-testid="apply-renames"]');
		await page.waitForSelector('[data-testid="category-values"]', { timeout: 60_000 });
		await page.click('[data-testid="open-dashboard"]');
		await expect
			.poll(techniquesInTable)
			.toEqual(['Myofascial release', 'Neuromuscular / trigger point', 'Relaxation']);
		expect(watch.errors).toEqual([]);
	});
});

describe('the same import ten years from now', () => {
	it('reports the same problems: the app reads its own clock, not the day the suite runs', async () => {
		const later = await openImportScreen(browser, baseUrl, async (p) => {
			await p.clock.setFixedTime('2036-12-01T09:00:00Z'); // the page's Date, ten years on
		});
		expect(await later.page.evaluate(() => new Date().getFullYear())).toBe(2036);
		await dropFile('messy-semicolon.csv', messy, later.page);
		await later.page.waitForSelector('[data-testid="mapping-editor"]', { timeout: 60_000 });
		await later.page.click('[data-testid="run-import"]');
		await later.page.waitForSelector('[data-testid="import-report"]', { timeout: 60_000 });
		// The table fills once its query answers, after the report's frame is shown.
		await expect.poll(() => shownReasons(later.page)).toEqual(MESSY_REASONS);
		expect(later.watch.errors).toEqual([]);
		await later.page.close();
	});
});

describe('before Import can run', () => {
	it('names the required fields no column maps to, and Import waits for them', async () => {
		await page.click('nav >> text=Import');
		await page.click('text=Import other files');
		await dropFile(
			'unmapped-columns.csv',
			readFileSync('tests/fixtures/import/unmapped-columns.csv')
		);
		await page.waitForSelector('[data-testid="mapping-editor"]', { timeout: 60_000 });
		expect(
			await page.$$eval('[data-testid="missing-field"]', (li) => li.map((l) => l.textContent))
		).toEqual(['Patient', 'Session date or Visit / week number', 'at least one measure']);
		expect(await page.isDisabled('[data-testid="run-import"]')).toBe(true);
		await page.selectOption('[data-testid="field-patient"] select[aria-label="Patient"]', 'a');
		await page.selectOption(
			'[data-testid="field-visit"] select[aria-label="Visit / week number"]',
			'b'
		);
		expect(
			await page.$$eval('[data-testid="missing-field"]', (li) => li.map((l) => l.textContent))
		).toEqual(['at least one measure']);
		expect(await page.isDisabled('[data-testid="run-import"]')).toBe(true);
	});

	it('says what is wrong with a custom measure and does not add it', async () => {
		await page.click('text=Define a measure of your own');
		const form = page.locator('[data-testid="custom-measure"]');
		await form.getByLabel('Name').fill('Oswestry');
		await form.getByLabel('From', { exact: true }).fill('');
		expect(await form.locator('[data-testid="custom-measure-problem"]').allTextContents()).toEqual([
			'Measure "Oswestry": "From" must be a number.'
		]);
		expect(await form.getByRole('button', { name: 'Add measure' }).isDisabled()).toBe(true);
		await form.getByLabel('From', { exact: true }).fill('0');
		await form.getByRole('button', { name: 'Add measure' }).click();
		expect(await page.inputValue('select[aria-label="Measure to add"]')).toBe('oswestry');
		expect(watch.errors).toEqual([]);
	});

	it('says a file has no data rows, and Import waits', async () => {
		await page.click('text=Start over');
		await dropFile('header-only.csv', readFileSync('tests/fixtures/import/header-only.csv'));
		await page.waitForSelector('[data-testid="mapping-editor"]', { timeout: 60_000 });
		expect(await page.textContent('[data-testid="import-blockers"]')).toContain(
			'No data rows in header-only.csv.'
		);
		expect(await page.isDisabled('[data-testid="run-import"]')).toBe(true);
	});

	it('refuses a file that is not a table in a short message, keeping the dataset shown', async () => {
		const shownBefore = await page.textContent('[data-testid="dataset-summary"]');
		await page.click('text=Start over');
		const oneLine = Array.from({ length: 200_000 }, (_, i) => `x${i}`).join(',');
		await dropFile('one-line.csv', Buffer.from(oneLine));
		const summary = await page.waitForSelector('[data-testid="import-error"] .summary', {
			timeout: 60_000
		});
		const text = (await summary.textContent()) ?? '';
		expect(text).toMatch(/^one-line\.csv: the first line has more than 1,000 fields/);
		expect(text).toMatch(/check it is the right file/);
		expect(text.length).toBeLessThan(300);
		expect(await page.textContent('[data-testid="dataset-summary"]')).toBe(shownBefore);
	});
});
