import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openImportScreen, type PageWatch } from './support/browser';

const CDYSTONIA = '../shared/datasets/cdystonia.csv';
const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let watch: PageWatch;

describe.skipIf(!existsSync(CDYSTONIA))(
	'a real trial export without dates (needs ../shared/datasets; skipped in a plain clone)',
	() => {
		beforeAll(async () => {
			browser = await launchBrowser();
			({ page, watch } = await openImportScreen(browser, baseUrl));
			await page.setInputFiles('[data-testid="file-input"]', CDYSTONIA);
			await page.waitForSelector('[data-testid="mapping-editor"]', { timeout: 60_000 });
			await page.click('[data-testid="run-import"]');
			await page.waitForSelector('[data-testid="import-report"]', { timeout: 60_000 });
			await page.click('[data-testid="open-dashboard"]');
			await page.waitForSelector('.trend-table', { state: 'attached', timeout: 60_000 });
		});
		afterAll(() => browser?.close());

		it('is charted by week, on its own measure, saying it has no validated MCID', async () => {
			expect(await page.inputValue('[data-testid="measure-select"]')).toBe('twstrs');
			expect(await page.textContent('.measure-note')).toMatch(/No validated MCID/);
			const axisLabels = await page.$$eval('svg .axis .label', (els) =>
				els.map((e) => e.textContent)
			);
			expect(axisLabels).toContain('Week');
			const weeks = await page.$$eval('.trend-table tbody tr', (trs) => [
				...new Set(trs.map((tr) => Number(tr.getAttribute('data-time'))))
			]);
			expect(weeks.sort((a, b) => a - b)).toEqual([0, 2, 4, 8, 12, 16]);
			expect(watch.errors).toEqual([]);
		});
	}
);
