// The first chart of the real app in Chromium, as a user meets it: cold (a fresh profile — no
// HTTP cache, no service worker, no IndexedDB) and warm (a second visit in the same profile, once
// the first has saved its dataset and any service worker controls the origin); with
// `--first-load-baseline DIR`, beside another build (e.g. an earlier commit's). Timings only.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { loadavg } from 'node:os';
import { build } from 'vite';
import { launchBrowser } from '../../tests/e2e/support/browser';
import { serveStatic } from '../../tests/support/static-server';

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

interface Served {
	build: string;
	dir: string;
	url: string;
	results: { cold: Visit; warm: Visit }[];
}

/**
 * Builds the app, then times `runs` cold + warm visits of it; with `baseline` (another build's
 * folder, e.g. of an earlier commit) also of that one, the two alternating run by run so both
 * meet the same machine load. Each is served by the same plain static server (only / is opened).
 */
export async function firstLoadPart(runs: number, baseline?: string) {
	const started = performance.now();
	log('building the app (vite build → build/) for the first-load bench');
	await build({ logLevel: 'warn' });
	const dirs = [{ build: 'this build', dir: 'build' }];
	if (baseline) dirs.push({ build: `baseline (${baseline})`, dir: baseline });
	const servers = await Promise.all(dirs.map(({ dir }) => serveStatic({ '/': dir })));
	const served: Served[] = dirs.map((d, i) => ({ ...d, url: servers[i]!.url, results: [] }));
	const browser = await launchBrowser();
	const version = browser.version();
	try {
		for (let i = 0; i < runs; i++) {
			for (const s of served) {
				log(`first load, ${s.build}, run ${i + 1} of ${runs}`);
				const sw = existsSync(`${s.dir}/service-worker.js`);
				s.results.push(await coldThenWarm(browser, s.url, sw));
			}
		}
	} finally {
		await browser.close();
		for (const { server } of servers) server.close();
	}
	const summary = served.flatMap(({ build, results }) =>
		(['cold', 'warm'] as const).map((visit) => {
			const ms = results.map((r) => r[visit].chartMs);
			const controlled = results.filter((r) => r[visit].controlled).length;
			const [p50, p95, max] = [rank(ms, 0.5), rank(ms, 0.95), Math.max(...ms)];
			return { build, visit, runs: ms.length, p50, p95, max, controlled };
		})
	);
	const p50 = (build: string, visit: string) =>
		summary.find((s) => s.build === build && s.visit === visit)!.p50;
	const ratios = served.map(
		({ build }) =>
			`${build}: warm p50 ÷ cold p50 ${(p50(build, 'warm') / p50(build, 'cold')).toFixed(2)}`
	);
	if (baseline) {
		const [mine, theirs] = served.map((s) => s.build) as [string, string];
		for (const visit of ['cold', 'warm'])
			ratios.push(
				`${visit}: this build ÷ baseline p50 ${(p50(mine, visit) / p50(theirs, visit)).toFixed(2)}`
			);
	}
	const table = [
		'| build | first visit → What works matrix drawn | runs | p50 ms | p95 ms | max ms | served by the service worker |',
		'|---|---|--:|--:|--:|--:|--:|',
		...summary.map(
			(s) =>
				`| ${s.build} | ${s.visit} | ${s.runs} | ${s.p50.toFixed(0)} | ${s.p95.toFixed(0)} | ${s.max.toFixed(0)} | ${s.controlled} of ${s.runs} |`
		)
	].join('\n');
	const notes = [
		'cold: a fresh browser profile (no HTTP cache, service worker or IndexedDB) opens /; warm: a second page of the same profile, after the first saved its dataset (and, with a service worker, once it was active). Timed in the page from navigation start until the matrix is drawn (not busy, chart in place). Nearest-rank percentiles.',
		`${ratios.join('; ')}. 1-min load average at the end ${loadavg()[0]!.toFixed(1)}. Bench time ${((performance.now() - started) / 1000).toFixed(0)} s.`
	];
	console.log(['', table, '', ...notes.map((n) => `- ${n}`)].join('\n'));
	return { summary, notes, results: served, version };
}
