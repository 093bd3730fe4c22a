import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { drawn, panel, ready } from './support/analysis';
import { launchBrowser, offOrigin, openWatched, type PageWatch } from './support/browser';

// Offline use after the first visit (src/service-worker.ts): the network cut, a reload opens the
// last dataset from IndexedDB with the app's files from the service worker's cache.
const baseUrl = inject('baseUrl');
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watch: PageWatch;
beforeAll(async () => {
	browser = await launchBrowser();
	context = await browser.newContext();
	({ page, watch } = await openWatched(browser, baseUrl, context));
});
afterAll(() => browser?.close());

/** Requests that failed or were answered with an error, from when this is called on. */
function failures(page: Page): string[] {
	const failed: string[] = [];
	page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
	page.on('response', (r) => {
		if (r.status() >= 400) failed.push(`${r.url()}: HTTP ${r.status()}`);
	});
	return failed;
}

const text = async (selector: string) =>
	(await page.textContent(selector))?.replace(/\s+/g, ' ').trim();

describe('offline, after the first visit', () => {
	it('a reload draws What works again from the saved dataset, and every page opens', async () => {
		await ready(page, 'matrix-panel');
		const matrix = await drawn(panel(page, 'matrix-panel'));
		const summary = await text('[data-testid="dataset-summary"]');
		await page.waitForSelector('[data-testid="excluded-note"]:not(:empty)');
		const excluded = await text('[data-testid="excluded-note"]');
		expect(summary).toMatch(/^Dataset Sample clinics \(bundled\): 4432 sessions of 600 patients/);
		// The first visit's page is claimed by the worker once it has cached the app.
		await page.evaluate(() => navigator.serviceWorker.ready);
		await expect
			.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null))
			.toBe('activated');

		const failed = failures(page);
		const fromNetwork: string[] = [];
		page.on('response', (r) => {
			if (!r.fromServiceWorker()) fromNetwork.push(r.url());
		});
		await context.setOffline(true);
		await page.reload();
		await ready(page, 'matrix-panel');
		expect(await drawn(panel(page, 'matrix-panel'))).toBe(matrix);
		expect(await text('[data-testid="dataset-summary"]')).toBe(summary);
		await page.waitForSelector('[data-testid="excluded-note"]:not(:empty)');
		expect(await text('[data-testid="excluded-note"]')).toBe(excluded);

		// Every page of the navigation, opened by its address (the cached SPA shell answers).
		const routes = await page.$$eval('nav[aria-label="Main"] a', (links) =>
			links.map((a) => new URL((a as HTMLAnchorElement).href).pathname)
		);
		expect(routes).toEqual(expect.arrayContaining(['/', '/director', '/import', '/datasets']));
		for (const route of routes) {
			await page.goto(new URL(route, baseUrl).href);
			await page.waitForSelector('[data-testid="dataset-summary"]', { timeout: 60_000 });
			expect(await text('[data-testid="dataset-summary"]')).toBe(summary);
		}
		await page.goto(new URL('datasets', baseUrl).href);
		const row = page.locator('[data-testid="dataset-row"]');
		await expect.poll(() => row.count()).toBe(1);
		expect(await row.textContent()).toMatch(/Sample clinics \(bundled\).*sessions\.csv4432600/);

		expect(failed).toEqual([]);
		expect(fromNetwork.filter((u) => !/^(data|blob):/.test(u))).toEqual([]);
		expect(offOrigin(watch, baseUrl)).toEqual([]);
		expect(watch.errors).toEqual([]);
		await context.setOffline(false);
	});
});
