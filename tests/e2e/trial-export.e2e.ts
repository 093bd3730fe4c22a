import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chartTable, measureSelect, ready } from './support/analysis';
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
			await ready(page, 'trend');
		});
		afterAll(() => browser?.close());

		it('is charted by week, on its own measure, saying it has no validated MCID', async () => {
			const trend = await ready(page, 'trend');
			expect(await trend.locator('figure h3').textContent()).toMatch(/^TWSTRS total: /);
			expect(await page.textContent('.measure-note')).toMatch(/No validated MCID/);
			const axisLabels = await trend.locator('svg g.axis-x > text').allTextContents();
			expect(axisLabels).toContain('Week');
			const [head, ...rows] = await chartTable(trend.locator('figure.chart-frame'));
			expect(head![2]).toBe('Week');
			const weeks = [...new Set(rows.map((r) => Number(r[2])))];
			expect(weeks.sort((a, b) => a - b)).toEqual([0, 2, 4, 8, 12, 16]);
		});

		it('names the measure it shows in the filter bar (the default, pain, is not in this trial)', async () => {
			expect(await measureSelect(page).inputValue()).toBe('twstrs');
		});

		it('draws the what-works matrix, though the trial records no condition', async () => {
			const matrix = await ready(page, 'matrix-panel');
			expect(await matrix.locator('g.cell').count()).toBeGreaterThan(0);
			expect(watch.errors).toEqual([]);
		});
	}
);
