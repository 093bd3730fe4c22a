// The first chart of the real app in Chromium, as a user meets it: cold (a fresh profile — no
// HTTP cache, no service worker, no IndexedDB) and warm (a second visit in the same profile, once
// the first has saved its dataset and any service worker controls the origin). Timings only.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { build, preview } from 'vite';
import { launchBrowser } from '../../tests/e2e/support/browser';

const log = (msg: string) => console.error(msg);

/**
 * Installed before the app's scripts: the page's clock (ms since its navigation started) when the
 * status first said which work it was doing, and when the What works matrix was first drawn (the
 * same condition the e2e tests wait for). Passed as text: tsx would wrap a function in helpers.
 */
const MARKS = `(() => {
	window.firstLoad_ = {};
	const mark = (name) => { window.firstLoad_[name] ??= performance.now(); };
	new MutationObserver(() => {
		const status = document.querySelector('[data-testid="engine-status"]')?.textContent ?? '';
		if (status.includes('sample')) mark('sample');
		if (status.includes('Opening')) mark('opening');
		const matrix = document.querySelector('[data-testid="matrix-panel"]');
		if (matrix?.getAttribute('aria-busy') === 'false' && matrix.querySelector('figure svg[role="group"]'))
			mark('chart');
	}).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})()`;

/** Resolves once the first visit's dataset is the active one in IndexedDB (it has been saved). */
const SAVED = `new Promise((done) => {
	const look = () => {
		const open = indexedDB.open('massage-outcomes');
		open.onsuccess = () => {
			const db = open.result;
			const names = [...db.objectStoreNames];
			if (!names.includes('settings')) { db.close(); return setTimeout(look, 200); }
			const get = db.transaction('settings').objectStore('settings').get('active');
			get.onsuccess = () => { db.close(); get.result ? done(true) : setTimeout(look, 200); };
		};
	};
	look();
})`;

export interface Visit {
	chartMs: number;
	/** When the status first showed the sample loading / a saved dataset opening, if it did. */
	sampleMs?: number;
	openingMs?: number;
	/** Whether a service worker answered this page's requests. */
	controlled: boolean;
}

async function visit(page: Page, url: string): Promise<Visit> {
	await page.addInitScript(MARKS);
	await page.goto(url);
	// A function, not text: the app's CSP refuses the eval a text predicate needs.
	await page.waitForFunction(
		() => (window as { firstLoad_?: { chart?: number } }).firstLoad_?.chart !== undefined,
		null,
		{ timeout: 180_000, polling: 50 }
	);
	const marks = (await page.evaluate('window.firstLoad_')) as Record<string, number>;
	const controlled = (await page.evaluate(
		'navigator.serviceWorker?.controller != null'
	)) as boolean;
	return { chartMs: marks.chart!, sampleMs: marks.sample, openingMs: marks.opening, controlled };
}

async function coldThenWarm(browser: Browser, url: string, serviceWorker: boolean) {
	const context = await browser.newContext();
	try {
		const first = await context.newPage();
		const cold = await visit(first, url);
		await first.evaluate(SAVED);
		if (serviceWorker) await first.evaluate('navigator.serviceWorker.ready');
		await first.close();
		const warm = await visit(await context.newPage(), url);
		return { cold, warm };
	} finally {
		await context.close();
	}
}

/** Nearest-rank percentile. */
const rank = (xs: readonly number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.max(0, Math.ceil(p * s.length) - 1)] ?? NaN;
};

export async function firstLoadPart(runs: number) {
	const started = performance.now();
	log('building the app (vite build → build/) for the first-load bench');
	await build({ logLevel: 'warn' });
	const serviceWorker = existsSync('build/service-worker.js');
	const server = await preview({ preview: { host: '127.0.0.1', port: 0, open: false } });
	const url = server.resolvedUrls!.local[0]!;
	const browser = await launchBrowser();
	const results: { cold: Visit; warm: Visit }[] = [];
	const version = browser.version();
	try {
		for (let i = 0; i < runs; i++) {
			log(`first load, run ${i + 1} of ${runs}`);
			results.push(await coldThenWarm(browser, url, serviceWorker));
		}
	} finally {
		await browser.close();
		await server.close();
	}
	const summary = (['cold', 'warm'] as const).map((kind) => {
		const ms = results.map((r) => r[kind].chartMs);
		return {
			visit: kind,
			runs: ms.length,
			p50: rank(ms, 0.5),
			p95: rank(ms, 0.95),
			max: Math.max(...ms),
			controlled: results.filter((r) => r[kind].controlled).length
		};
	});
	const [cold, warm] = summary;
	const table = [
		'| first visit → What works matrix drawn | runs | p50 ms | p95 ms | max ms | served by the service worker |',
		'|---|--:|--:|--:|--:|--:|',
		...summary.map(
			(s) =>
				`| ${s.visit} | ${s.runs} | ${s.p50.toFixed(0)} | ${s.p95.toFixed(0)} | ${s.max.toFixed(0)} | ${s.controlled} of ${s.runs} |`
		)
	].join('\n');
	const notes = [
		'cold: a fresh browser profile (no HTTP cache, service worker or IndexedDB) opens /; warm: a second page of the same profile, after the first saved its dataset (and, with a service worker, once it was active). Timed in the page from navigation start until the matrix is drawn (not busy, chart in place). Nearest-rank percentiles.',
		`warm p50 ÷ cold p50: ${(warm!.p50 / cold!.p50).toFixed(2)}. Bench time ${((performance.now() - started) / 1000).toFixed(0)} s.`
	];
	console.log(['', table, '', ...notes.map((n) => `- ${n}`)].join('\n'));
	return { summary, notes, results, version };
}
