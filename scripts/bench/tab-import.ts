// A large CSV imported through the real import screen in Chromium, then opened again in a new tab,
// which restores the dataset from IndexedDB as a returning user's visit does: how long each took,
// how often progress was shown, the longest gap between animation frames (a frozen page shows as
// a long gap) and the tab's peak memory. Needs the built app (vite build). Timings only.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { preview } from 'vite';
import { launchProfile } from '../../tests/e2e/support/browser';
import { benchFile } from './data';
import {
	frameGaps,
	pageMarks,
	pageNow,
	progressShown,
	watchFrames,
	type FrameGaps
} from './frames';
import { largest, rendererPeaks } from './process-memory';

const LONG = 1_800_000;
const SUMMARY = '[data-testid="dataset-summary"]';

export interface TabImportResult {
	/** The browser's version: a persistent context has no Browser object to ask. */
	chromium: string;
	file: string;
	rows: number;
	bytes: number;
	/** Until the mapping shows: the file read and checked. */
	readMs: number;
	/** Until the import report shows: read + build + save. */
	importMs: number;
	importGaps: FrameGaps;
	progressUpdates: number;
	lastProgress: string | null;
	/** Peak resident memory of the tab's renderer process (page + engine worker) while importing. */
	importPeakBytes: number | null;
	/** A new tab: page load, engine start and opening the saved dataset, until it is shown. */
	restoreMs: number;
	openingMs: number;
	restoreGaps: FrameGaps;
	restorePeakBytes: number | null;
	/** The import's error, a warning shown, or a dataset that did not come back as it was. */
	problems: string[];
}

/** The element's text now, or null when there is none (never waits for it). */
const textOf = async (page: Page, selector: string) =>
	(await (await page.$(selector))?.textContent())?.replace(/\s+/g, ' ').trim() ?? null;

async function openImportPage(context: BrowserContext, baseUrl: string) {
	const page = await context.newPage();
	await watchFrames(page);
	await page.goto(new URL('import', baseUrl).href);
	await page.waitForSelector(SUMMARY, { timeout: LONG });
	return page;
}

export async function tabImport(rows: number): Promise<TabImportResult> {
	const file = await benchFile(rows);
	// Vite's preview server, as the e2e tests use: it serves the SPA fallback for /import.
	const server = await preview({ preview: { host: '127.0.0.1', port: 0, open: false } });
	const baseUrl = server.resolvedUrls!.local[0]!;
	const profile = await mkdtemp(join(tmpdir(), 'mo-bench-profile-'));
	const context = await launchProfile(profile);
	const problems: string[] = [];
	const note = (label: string, text: string | null) => text && problems.push(`${label}: ${text}`);
	try {
		const page = await openImportPage(context, baseUrl);
		const agent = String(await page.evaluate('navigator.userAgent'));
		const start = { wall: Date.now(), page: await pageNow(page) };
		await page.setInputFiles('[data-testid="file-input"]', file.path);
		await page.waitForSelector('[data-testid="mapping-editor"]', { timeout: LONG });
		const readMs = Date.now() - start.wall;
		await page.click('[data-testid="run-import"]');
		await page.waitForSelector('[data-testid="import-report"], [data-testid="import-error"]', {
			timeout: LONG
		});
		const importMs = Date.now() - start.wall;
		const importGaps = await frameGaps(page, start.page, await pageNow(page));
		const progress = await progressShown(page);
		const importing = largest(rendererPeaks(profile));
		note('import error', await textOf(page, '[data-testid="import-error"]'));
		note('warning after the import', await textOf(page, '[role="alert"]'));
		const imported = await textOf(page, SUMMARY);
		await page.close();

		// The build saved the dataset and made it the active one: a new tab opens it from IndexedDB.
		const again = await openImportPage(context, baseUrl);
		const marks = await pageMarks(again);
		const shown = marks.shown ?? NaN;
		const reopened = await textOf(again, SUMMARY);
		if (reopened !== imported) note('not restored', `before "${imported}", after "${reopened}"`);
		note('warning after reopening', await textOf(again, '[role="alert"]'));
		const others = rendererPeaks(profile);
		if (importing) others.delete(importing.pid);
		return {
			chromium: /Chrome\/([\d.]+)/.exec(agent)?.[1] ?? agent,
			file: file.name,
			rows: file.rows,
			bytes: file.bytes,
			readMs,
			importMs,
			importGaps,
			progressUpdates: progress.length,
			lastProgress: progress.at(-1) ?? null,
			importPeakBytes: importing?.bytes ?? null,
			restoreMs: shown,
			openingMs: shown - (marks.opening ?? NaN),
			restoreGaps: await frameGaps(again, 0, shown),
			restorePeakBytes: largest(others)?.bytes ?? null,
			problems
		};
	} finally {
		await context.close();
		await server.close();
		await rm(profile, { recursive: true, force: true });
	}
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '—');
const mb = (n: number | null) => (n === null ? '—' : (n / 2 ** 20).toFixed(0));

/** One Markdown table of a run, then its last progress text and any problem. */
export function tabImportTable(r: TabImportResult): string {
	const row = (step: string, took: number, gaps: FrameGaps | null, peak = '', updates = '') =>
		`| ${step} | ${ms(took)} | ${updates} | ${gaps ? ms(gaps.max) : ''} | ${gaps ? ms(gaps.p99) : ''} | ${peak} |`;
	return [
		`${r.file}, ${(r.bytes / 1e6).toFixed(0)} MB, ${r.rows} rows, Chromium ${r.chromium}`,
		'',
		'| step | ms | progress updates | max frame gap ms | p99 frame gap ms | tab peak MiB |',
		'|---|--:|--:|--:|--:|--:|',
		row('import: read the file (until the mapping shows)', r.readMs, null),
		row(
			'import: read + build + save (until the report shows)',
			r.importMs,
			r.importGaps,
			mb(r.importPeakBytes),
			`${r.progressUpdates}`
		),
		row(
			'reopen in a new tab (page load, engine start, opening)',
			r.restoreMs,
			r.restoreGaps,
			mb(r.restorePeakBytes)
		),
		row('reopen: of which opening the saved dataset', r.openingMs, null),
		'',
		`last progress: ${r.lastProgress ?? '(none)'}`,
		...r.problems.map((p) => `PROBLEM, ${p}`)
	].join('\n');
}
