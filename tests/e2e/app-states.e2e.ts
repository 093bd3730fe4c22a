import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ready } from './support/analysis';
import { launchBrowser, newPage, openWatched } from './support/browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

/**
 * Every text the status line and the analysis page ever showed, recorded in the page as it
 * changes (states last a second or less: polling would miss them).
 */
async function recordTexts(page: Page) {
	await page.addInitScript(() => {
		const seen = new Set<string>();
		(window as { __seen?: Set<string> }).__seen = seen;
		const watched = '[data-testid="engine-status"], [data-testid="dataset-list"] td, main > p';
		new MutationObserver(() => {
			for (const el of document.querySelectorAll(watched)) {
				const text = el.textContent?.trim();
				if (text) seen.add(text);
			}
		}).observe(document, { subtree: true, childList: true, characterData: true });
	});
}
const seen = (page: Page) =>
	page.evaluate(() => [...((window as { __seen?: Set<string> }).__seen ?? [])]);

describe('what the app says while it gets ready', () => {
	it('on a first visit: starting the engine, then loading the sample — never "no measures"', async () => {
		const context = await browser.newContext();
		const page = await newPage(context);
		await recordTexts(page);
		await page.goto(baseUrl);
		await ready(page, 'matrix-panel');
		const texts = await seen(page);
		expect(texts).toContain('Starting the database engine in your browser…');
		expect(texts).toContain('Loading the bundled sample dataset (first visit)…');
		expect(texts.filter((t) => /no measures/.test(t))).toEqual([]);

		// A reload opens the saved dataset by name; it is not the sample being loaded again.
		await page.reload();
		await ready(page, 'matrix-panel');
		const after = await seen(page);
		expect(after).toContain('Opening Sample clinics (bundled)…');
		expect(after.filter((t) => /Loading the bundled sample/.test(t))).toEqual([]);

		// Opened directly, the datasets page says it is reading them, never that there are none.
		await page.goto(new URL('datasets', baseUrl).href);
		await page.waitForSelector('[data-testid="dataset-row"]', { timeout: 60_000 });
		const listing = await seen(page);
		expect(listing.filter((t) => /No datasets saved/.test(t))).toEqual([]);
		expect(await page.textContent('[data-testid="storage-usage"]')).toMatch(
			/^Storage used by this app in this browser: [\d.]+ MB( of [\d.]+ MB available)?\.$/
		);
		await context.close();
	});

	it('when the browser storage worker fails: says so, still shows the sample, and can retry', async () => {
		const context = await browser.newContext();
		await context.route(/store-worker/, (route) => route.abort());
		const { page, watch } = await openWatched(browser, baseUrl, context);
		await page.waitForSelector('[data-testid="app-warning"]', { timeout: 60_000 });
		await ready(page, 'matrix-panel');
		expect(await page.textContent('[data-testid="app-warning"]')).toMatch(
			/could not be saved in this browser: The browser storage for datasets stopped working/
		);

		await context.unroute(/store-worker/);
		await page.click('[data-testid="retry-storage"]');
		await page.waitForSelector('[data-testid="dataset-summary"]', { timeout: 60_000 });
		await expect.poll(() => page.$('[data-testid="app-warning"]')).toBeNull();
		await page.click('nav >> text=Datasets');
		await page.waitForSelector('[data-testid="dataset-row"]', { timeout: 60_000 });
		expect(watch.errors.filter((e) => !/store-worker|ERR_FAILED/.test(e))).toEqual([]);
		await context.close();
	});
});
