// npm run bench:ui [-- --rows 2000000]: imports a large CSV through the real import screen in
// Chromium, then reloads the page, which restores the imported dataset from IndexedDB as a
// returning user's visit does. Reports how long each took, how often import progress was shown,
// and the longest gap between animation frames while each ran (a frozen page shows as a long
// gap). Timings only: no assertions. The browser has a profile on disk, as a user's has: saving
// needs its storage quota.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchProfile } from '../../tests/e2e/support/browser';
import { preview } from 'vite';
import { benchFile } from './data';
import {
	frameGaps,
	pageMarks,
	pageNow,
	progressShown,
	watchFrames,
	type FrameGaps
} from './frames';

const LONG = 1_800_000;
const { values } = parseArgs({ options: { rows: { type: 'string', default: '2000000' } } });
const file = await benchFile(Number(values.rows));
// Vite's preview server, as the e2e tests use: it serves the SPA fallback for /import.
const server = await preview({ preview: { host: '127.0.0.1', port: 0, open: false } });
const baseUrl = server.resolvedUrls!.local[0]!;
const profile = await mkdtemp(join(tmpdir(), 'mo-bench-profile-'));
const browser = await launchProfile(profile);
const summary = '[data-testid="dataset-summary"]';
/** The element's text now, or null when there is none (never waits for it). */
const textOf = async (page: Page, selector: string) =>
	(await (await page.$(selector))?.textContent())?.replace(/\s+/g, ' ').trim() ?? null;
try {
	const page = await browser.newPage();
	await watchFrames(page);
	await page.goto(new URL('import', baseUrl).href);
	await page.waitForSelector(summary, { timeout: 120_000 });

	const start = { wall: Date.now(), page: await pageNow(page) };
	await page.setInputFiles('[data-testid="file-input"]', file.path);
	await page.waitForSelector('[data-testid="mapping-editor"]', { timeout: LONG });
	const read = Date.now() - start.wall;
	await page.click('[data-testid="run-import"]');
	await page.waitForSelector('[data-testid="import-report"], [data-testid="import-error"]', {
		timeout: LONG
	});
	const total = Date.now() - start.wall;
	const importGaps = await frameGaps(page, start.page, await pageNow(page));
	const progress = await progressShown(page);
	const error = await textOf(page, '[data-testid="import-error"]');
	const imported = await textOf(page, summary);
	const importWarning = await textOf(page, '[role="alert"]');

	// The build saved the dataset and made it the active one: a reload opens it from IndexedDB.
	await page.reload();
	await page.waitForSelector(summary, { timeout: LONG });
	const marks = await pageMarks(page);
	const shown = marks.shown ?? NaN;
	const loadGaps = await frameGaps(page, 0, shown);
	const openGaps = await frameGaps(page, marks.opening ?? NaN, shown);
	const reopened = await textOf(page, summary);
	const warning = await textOf(page, '[role="alert"]');

	const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '—');
	const row = (step: string, took: number, gaps: FrameGaps | null, updates = '') =>
		`| ${step} | ${ms(took)} | ${updates} | ${gaps ? ms(gaps.max) : ''} | ${gaps ? ms(gaps.p99) : ''} |`;
	console.log(`${file.name}, ${(file.bytes / 1e6).toFixed(0)} MB, ${file.rows} rows\n`);
	console.log('| step | ms | progress updates | max frame gap ms | p99 frame gap ms |');
	console.log('|---|--:|--:|--:|--:|');
	console.log(row('import: read the file (until the mapping shows)', read, null));
	console.log(
		row('import: read + build (until the report shows)', total, importGaps, `${progress.length}`)
	);
	console.log(
		row('restore: reload → dataset shown (page load, engine start, opening)', shown, loadGaps)
	);
	console.log(
		row('restore: of which opening the saved dataset', shown - (marks.opening ?? NaN), openGaps)
	);
	console.log(`\nlast progress: ${progress.at(-1) ?? '(none)'}`);
	if (error) console.log(`IMPORT ERROR: ${error}`);
	if (importWarning) console.log(`WARNING after the import: ${importWarning}`);
	if (reopened !== imported)
		console.log(`NOT RESTORED: shown before "${imported}", after "${reopened}"`);
	if (warning) console.log(`WARNING after the reload: ${warning}`);
} finally {
	await browser.close();
	await server.close();
	await rm(profile, { recursive: true, force: true });
}
