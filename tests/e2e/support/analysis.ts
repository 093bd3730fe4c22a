import { expect } from 'vitest';
import type { Browser, BrowserContext, Download, Locator, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { openWatched } from './browser';

/** The analysis and director pages' panels, by data-testid. */
export type PanelId =
	| 'matrix-panel'
	| 'forest-panel'
	| 'trend'
	| 'distribution-panel'
	| 'dose-panel'
	| 'providers-panel';
export const PANELS: readonly PanelId[] = [
	'matrix-panel',
	'forest-panel',
	'trend',
	'distribution-panel',
	'dose-panel'
];

/**
 * The analysis page at `search` (e.g. '?v=1&trend=raw'), once its matrix is drawn. A fresh
 * context loads the bundled sample itself on its first visit.
 */
export async function openAnalysis(
	browser: Browser,
	baseUrl: string,
	search = '',
	context?: BrowserContext
) {
	const opened = await openWatched(browser, new URL(search, baseUrl).href, context);
	await ready(opened.page, 'matrix-panel');
	return opened;
}

export const panel = (page: Page, id: PanelId) => page.locator(`[data-testid="${id}"]`);

/**
 * Scrolls a panel to the top of the screen (panels only ask for their numbers there) and waits
 * until it has its answer: not busy, and a chart drawn. Panels above it grow as their charts
 * arrive and push it down, so it is scrolled to again on every look until it is ready.
 */
export async function ready(page: Page, id: PanelId): Promise<Locator> {
	await settled(page, id);
	// A panel that was off screen when the view changed still shows its last answer, not busy,
	// until the browser reports it on screen (next frame) and it asks again: look once more then.
	await page.evaluate(
		() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
	);
	await settled(page, id);
	const section = panel(page, id);
	await section.scrollIntoViewIfNeeded();
	return section;
}

function settled(page: Page, id: PanelId) {
	return page.waitForFunction(
		(testid) => {
			const section = document.querySelector(`[data-testid="${testid}"]`);
			if (!section) return false;
			const { top, bottom } = section.getBoundingClientRect();
			const onScreen = top < innerHeight && bottom > 0;
			const done =
				section.getAttribute('aria-busy') === 'false' &&
				section.querySelector('figure svg[role="group"]') !== null;
			if (!done || !onScreen) section.scrollIntoView({ block: 'start' });
			return done && onScreen;
		},
		id,
		{ polling: 250, timeout: 60_000 }
	);
}

/** What a panel draws once it is on screen (scrolled to first: see ready). */
export async function drawnOnScreen(page: Page, id: PanelId): Promise<string> {
	const section = panel(page, id);
	await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
	return drawn(section);
}

/**
 * What a panel draws, as text: every data mark's accessible name (its tooltip) in order, and
 * the chart titles. Two different views of the data give different texts.
 */
export const drawn = (section: Locator) =>
	section.evaluate((el) =>
		[
			...[...el.querySelectorAll('figure h3')].map((h) => h.textContent),
			...[...el.querySelectorAll('svg [aria-label]')].map((m) => m.getAttribute('aria-label'))
		].join('\n')
	);

/** Waits until a panel draws something other than `before`, and has finished loading. */
export async function changed(page: Page, id: PanelId, before: string): Promise<string> {
	await expect.poll(() => drawnOnScreen(page, id), { timeout: 60_000 }).not.toBe(before);
	return drawn(await ready(page, id));
}

/** The figure (ChartFrame) whose title matches. */
export function figure(scope: Page | Locator, title: string | RegExp): Locator {
	// `has` is matched inside each figure: it must be a locator from the page, not from scope.
	const page = 'goto' in scope ? scope : scope.page();
	return scope
		.locator('figure.chart-frame')
		.filter({ has: page.locator('h3', { hasText: title }) });
}

/** Opens a chart's table (once) and reads it: the header, then each row's cell texts. */
export async function chartTable(chart: Locator): Promise<string[][]> {
	const toggle = chart.getByRole('button', { name: /Show table|Hide table/ });
	if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
	const table = chart.locator('table.chart-table');
	await table.waitFor();
	return table.evaluate((t) =>
		[...t.querySelectorAll('tr')].map((tr) =>
			[...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '')
		)
	);
}

/** Presses one of a chart's download buttons and returns the file it gave. */
export async function download(
	page: Page,
	chart: Locator,
	kind: 'CSV' | 'SVG' | 'PNG'
): Promise<{ name: string; bytes: Buffer }> {
	const [file]: [Download, void] = await Promise.all([
		page.waitForEvent('download'),
		chart.getByRole('group', { name: 'Download' }).getByRole('button', { name: kind }).click()
	]);
	return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

/** The filter bar's multi-select for a field ("Condition", "Session length", …), opened. */
export async function openFilter(page: Page, label: string): Promise<Locator> {
	const box = page
		.locator('section[aria-label="Filters"] details.multi')
		.filter({ has: page.locator('summary', { hasText: `${label}:` }) });
	if (!(await box.evaluate((d) => (d as HTMLDetailsElement).open)))
		await box.locator('summary').click();
	return box;
}

/** Ticks (or unticks) one value of a filter, then closes the list again. */
export async function tick(page: Page, label: string, value: string | RegExp, on = true) {
	const box = await openFilter(page, label);
	const name = typeof value === 'string' ? new RegExp(`^\\s*${escape(value)}\\b`) : value;
	await box.getByRole('checkbox', { name }).setChecked(on);
	await box.locator('summary').click();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export const measureSelect = (page: Page) =>
	page.locator('section[aria-label="Filters"] label.measure select');

/** The active chips: what each says and the n it leaves. */
export const chips = (page: Page) =>
	page.$$eval('ul[aria-label="Active filters and selections"] li', (lis) =>
		lis.map((li) => ({
			label: li.querySelector('button')?.textContent?.replace(/^×\s*/, '') ?? '',
			leaves: li.querySelector('.n')?.textContent ?? null
		}))
	);

/** The address's query, parsed (order kept). */
export const params = (page: Page) => [...new URL(page.url()).searchParams];
