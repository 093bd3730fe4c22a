import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/**
 * The app's clock in every end-to-end test (src/lib/state/clock.ts): imports flag "future"
 * sessions against it, so a fixture's dates mean the same whatever day the suite runs.
 */
export const E2E_NOW = '2026-11-25T12:00:00.000Z';

/** Debian's Chromium (Playwright cannot download browsers here), with the flags above. */
const LAUNCH = { executablePath: '/usr/bin/chromium', args: FLAGS };

export function launchBrowser(): Promise<Browser> {
	return chromium.launch(LAUNCH);
}

/**
 * Chromium with a profile on disk, as a user's browser is. A plain launch's contexts are
 * off-the-record: their IndexedDB lives in memory, with a quota far below a profile's, and
 * refuses to save a few-million-row dataset that a real profile keeps.
 */
export function launchProfile(userDataDir: string): Promise<BrowserContext> {
	return chromium.launchPersistentContext(userDataDir, LAUNCH);
}

/** What a page did that a test must see: requests it made and errors it logged. */
export interface PageWatch {
	requests: string[];
	errors: string[];
}

/** A new page (in a fresh context, unless one is given) whose app clock reads E2E_NOW. */
export async function newPage(owner: Browser | BrowserContext): Promise<Page> {
	const page = await owner.newPage();
	await page.addInitScript((fixed) => {
		globalThis.__MASSAGE_OUTCOMES_NOW__ = fixed;
	}, E2E_NOW);
	return page;
}

export async function openWatched(
	browser: Browser,
	url: string,
	context?: BrowserContext,
	prepare?: (page: Page) => Promise<void>
): Promise<{ page: Page; watch: PageWatch }> {
	const page = await newPage(context ?? browser);
	await prepare?.(page);
	const watch: PageWatch = { requests: [], errors: [] };
	page.on('request', (r) => watch.requests.push(r.url()));
	page.on('console', (m) => {
		if (m.type() === 'error') watch.errors.push(m.text());
	});
	page.on('pageerror', (e) => watch.errors.push(String(e)));
	await page.goto(url);
	return { page, watch };
}

/** Requests that left the app's own origin (data: and blob: URLs stay on the device). */
export function offOrigin(watch: PageWatch, baseUrl: string): string[] {
	const origin = new URL(baseUrl).origin;
	return watch.requests.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== origin);
}

/** The import screen, once the app has loaded its dataset (so an import starts from a known state). */
export async function openImportScreen(
	browser: Browser,
	baseUrl: string,
	prepare?: (page: Page) => Promise<void>
) {
	const opened = await openWatched(browser, new URL('import', baseUrl).href, undefined, prepare);
	await opened.page.waitForSelector('[data-testid="dataset-summary"]', { timeout: 60_000 });
	return opened;
}
