// npm run bench:repaint [-- --rows 1000000 --changes 20 --height 900 --filter dates --server]:
// filter change → repainted charts on the real analysis page in Chromium, queries and rendering
// together. Imports a seeded CSV through the import screen (with --server: the page is served by
// `npm run serve` on the server-scale bench's synthetic dataset file of that many sessions,
// sizes no tab imports yet), opens the analysis page, then ticks and unticks filter values in the
// filter bar;
// each change is timed in the page from the click until every chart panel on screen has finished
// loading and drawn something new, and the browser has painted it. Timings only: no assertions.
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { preview } from 'vite';
import { launchBrowser } from '../../tests/e2e/support/browser';
import { benchFile } from './data';
import { startServer } from './server-load';
import { syntheticDatasetFile } from './server-scale';

const LONG = 1_800_000;
/** Between changes: one click every ~¼ s or more is as fast as a person ticks filter boxes. */
const PAUSE_MS = 250;
const { values } = parseArgs({
	options: {
		rows: { type: 'string', default: '1000000' },
		// The window's height: 900 shows the matrix; taller also the sentences and forest plot.
		height: { type: 'string', default: '900' },
		changes: { type: 'string', default: '20' },
		filter: { type: 'string', default: 'boxes' },
		server: { type: 'boolean', default: false }
	}
});
const rows = Number(values.rows);
const browser = await launchBrowser();

/**
 * In the page: clicks the `index`-th checkbox of the filter group `legend` (or, given a date, sets
 * the group's `index`-th date field to it), then, checking at each
 * animation frame, waits until every chart panel on screen is not busy and draws other marks than
 * before, and that frame has been rendered (a task queued in its animation-frame callback runs
 * after its style, layout and paint). Returns the milliseconds, or -1 after 20 s without a change.
 */
const TIME_CHANGE = `async ([legend, index, date]) => {
	const panels = () => [...document.querySelectorAll('main section[aria-busy]')].filter((s) => {
		const r = s.getBoundingClientRect();
		return r.top < innerHeight && r.bottom > 0;
	});
	const marks = () => panels().map((s) => [...s.querySelectorAll('svg [aria-label]')]
		.map((m) => m.getAttribute('aria-label')).join('|')).join('\\n');
	const before = marks();
	const group = [...document.querySelectorAll('fieldset')]
		.find((f) => f.querySelector('legend')?.textContent?.trim() === legend);
	const control = group?.querySelectorAll(date ? 'input[type="date"]' : 'input[type="checkbox"]')[index];
	if (!control) throw new Error('no input ' + index + ' under ' + legend);
	const t0 = performance.now();
	if (date) {
		control.value = date;
		control.dispatchEvent(new Event('change', { bubbles: true }));
	} else control.click();
	const frame = () => new Promise((ok) => requestAnimationFrame(ok));
	// Called in an animation frame: a task queued there runs once that frame is rendered.
	const afterPaint = () => new Promise((ok) => setTimeout(ok, 0));
	while (performance.now() - t0 < 20000) {
		await frame();
		const now = panels();
		if (now.length && now.every((s) => s.getAttribute('aria-busy') === 'false') && marks() !== before) {
			await afterPaint();
			return performance.now() - t0;
		}
	}
	return -1;
}`;

type Change = [legend: string, index: number, date?: string];

/** The checkboxes the changes tick and untick: 2^7 states of the filter bar. */
const BOXES: Change[] = [
	['Clinic', 0],
	['Technique', 0],
	['Clinic', 1],
	['Technique', 1],
	['Sex', 0],
	['Technique', 2],
	['Clinic', 2]
];

/**
 * The boxes to click, one per change, in Gray-code order (change i flips the box of i's lowest
 * set bit): every change is one click, and every state is new, so no answer comes from a cache.
 */
const boxSteps = (n: number): Change[] =>
	Array.from({ length: n }, (_, i) => BOXES[Math.log2((i + 1) & -(i + 1))]!);

/**
 * The range's start one month later at each change, over the first 20 months of the data: the
 * generator's sessions start in 2024, the synthetic dataset's in 2022 (both span 2½ years).
 */
const dateSteps = (n: number): Change[] =>
	Array.from({ length: n }, (_, i) => {
		const start = Date.UTC(values.server ? 2022 : 2024, 1 + (i % 20), 1);
		return ['First session', 0, new Date(start).toISOString().slice(0, 10)];
	});
const steps = values.filter === 'dates' ? dateSteps : boxSteps;

/** Where the page's dataset is: its address, what it is, and how to stop what serves it. */
interface Served {
	url: string;
	what: string;
	close: () => Promise<unknown>;
}

/** The bench CSV imported through the import screen of the built app (Vite's preview). */
async function importedInTab(page: Page): Promise<Served> {
	const file = await benchFile(rows);
	const server = await preview({ preview: { host: '127.0.0.1', port: 0, open: false } });
	const url = server.resolvedUrls!.local[0]!;
	console.error(`importing ${file.name} through the import screen…`);
	await page.goto(new URL('import', url).href);
	await page.waitForSelector('[data-testid="dataset-summary"]', { timeout: 120_000 });
	await page.setInputFiles('[data-testid="file-input"]', file.path);
	await page.waitForSelector('[data-testid="mapping-editor"]', { timeout: LONG });
	await page.click('[data-testid="run-import"]');
	await page.waitForSelector('[data-testid="import-report"]', { timeout: LONG });
	const what = `${file.name}: ${rows} session rows imported in the tab (duckdb-wasm)`;
	return { url, what, close: () => server.close() };
}

/** The synthetic dataset file served with the app by `npm run serve` (native DuckDB). */
async function onServer(): Promise<Served> {
	const { path } = await syntheticDatasetFile(rows);
	const { child, base, token } = await startServer(path);
	const what = `${path}: ${rows} synthetic sessions on the DuckDB server (npm run serve)`;
	const close = async () => child.kill('SIGTERM');
	return { url: `${base}/?token=${token}`, what, close };
}

const page = await browser.newPage({ viewport: { width: 1280, height: Number(values.height) } });
const served = await (values.server ? onServer() : importedInTab(page));
try {
	await page.goto(served.url);
	await page.waitForSelector('[data-testid="matrix-panel"][aria-busy="false"] figure svg', {
		timeout: LONG
	});
	const times: number[] = [];
	for (const change of steps(2 + Number(values.changes))) {
		times.push(await page.evaluate(`(${TIME_CHANGE})(${JSON.stringify(change)})`));
		// A quick human pace: the counts beside the charts (chips, excluded note), asked after
		// them, finish before the next click instead of holding the engine when it comes.
		await page.waitForTimeout(PAUSE_MS);
	}
	const timed = times.slice(2).filter((t) => t >= 0);
	const sorted = [...timed].sort((a, b) => a - b);
	const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
	const onScreen = await page.evaluate(`[...document.querySelectorAll('main section[aria-busy]')]
		.filter((s) => { const r = s.getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; })
		.map((s) => s.dataset.testid).join(', ')`);
	console.log(`${served.what}, Chromium ${browser.version()}\n`);
	console.log('| filter changes | timed out | p50 ms | p95 ms | max ms | panels on screen |');
	console.log('|--:|--:|--:|--:|--:|---|');
	console.log(
		`| ${timed.length} | ${times.length - 2 - timed.length} | ${rank(0.5).toFixed(0)} | ${rank(0.95).toFixed(0)} | ${(sorted.at(-1) ?? NaN).toFixed(0)} | ${String(onScreen)} |`
	);
	console.log(
		`\nEach: ${values.filter === 'dates' ? "the first-session range's start a month later" : 'a click on a filter-bar checkbox'} → ` +
			'every chart panel on screen not busy, drawing ' +
			`new marks, and the frame showing them rendered; the next change ${PAUSE_MS} ms later. ` +
			'After 2 warm-up changes; nearest-rank percentiles. Filter chips are not waited for.'
	);
} finally {
	await browser.close();
	await served.close();
}
