import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, offOrigin, openWatched, type PageWatch } from './support/browser';
import { pdfPageCount, pdfPathSegments } from './support/pdf';

// The printable report on the bundled sample, for a filter: printed to PDF by Chromium on A4
// and Letter, its pages counted and its charts found in the drawing.
const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let watch: PageWatch;

const allAnswered = (p: Page) =>
	p.waitForFunction(
		() =>
			document.querySelector('[data-testid="trend"] figure svg[role="group"]') !== null &&
			document.querySelector('[data-testid="matrix-panel"] figure svg[role="group"]') !== null &&
			[...document.querySelectorAll('[aria-busy]')].every(
				(e) => e.getAttribute('aria-busy') === 'false'
			),
		null,
		{ timeout: 120_000, polling: 250 }
	);

beforeAll(async () => {
	browser = await launchBrowser();
	({ page, watch } = await openWatched(browser, new URL('report?v=1&sex=F', baseUrl).href));
	await allAnswered(page);
});
afterAll(() => browser?.close());

describe('the printed report', () => {
	it('is for the page’s filter, with its headline numbers, findings and data notes', async () => {
		const report = page.locator('[data-testid="report"]');
		expect(await report.locator('[data-testid="report-filters"]').textContent()).toContain(
			'Sex: F'
		);
		expect(
			Number(await report.locator('[data-testid="kpi-episodes"]').textContent())
		).toBeGreaterThan(0);
		expect(await report.locator('[data-testid="strongest-pair"]').textContent()).toMatch(
			/^Strongest: /
		);
		expect(await report.locator('[data-testid="findings"] li').count()).toBeGreaterThan(3);
		expect(await report.locator('[data-testid="report-span"]').textContent()).toMatch(
			/^\d+ sessions of \d+ patients in \d+ episodes of care, from 2024-\d\d-\d\d to 2026-\d\d-\d\d; imported 2026-11-25\.$/
		);
		expect(await report.locator('[data-testid="report-import"]').textContent()).toContain(
			'4435 rows: 4432 accepted, 3 rejected'
		);
	});

	it('prints without the navigation and controls, charts kept', async () => {
		await page.emulateMedia({ media: 'print' });
		try {
			expect(await page.locator('header nav').isVisible()).toBe(false);
			expect(await page.locator('[data-testid="dataset-summary"]').isVisible()).toBe(false);
			expect(await page.locator('[data-testid="report"] fieldset').first().isVisible()).toBe(false);
			expect(await page.getByRole('button', { name: 'Show table' }).first().isVisible()).toBe(
				false
			);
			for (const id of ['matrix-panel', 'trend'])
				expect(
					await page.locator(`[data-testid="${id}"] figure svg[role="group"]`).first().isVisible()
				).toBe(true);
		} finally {
			await page.emulateMedia({ media: null });
		}
	});

	it.each(['A4', 'Letter'] as const)(
		'fits on 1–3 %s pages, its charts drawn in the PDF',
		async (format) => {
			const pdf = await page.pdf({ format });
			const pages = pdfPageCount(pdf);
			expect(pages).toBeGreaterThanOrEqual(1);
			expect(pages).toBeLessThanOrEqual(3);
			// The same report with its charts taken out draws a small fraction of the paths.
			const style = await page.addStyleTag({
				content: 'figure .chart svg { display: none !important }'
			});
			const withoutCharts = pdfPathSegments(await page.pdf({ format }));
			await style.evaluate((el) => (el as Element).remove());
			expect(pdfPathSegments(pdf)).toBeGreaterThan(5 * Math.max(withoutCharts, 100));
		}
	);

	it('made no request off the device and logged no error', () => {
		expect(offOrigin(watch, baseUrl)).toEqual([]);
		expect(watch.errors).toEqual([]);
	});
});
