// npm run bench:ui [-- --rows 2000000]: imports a large CSV through the real import screen in
// Chromium and reports how long it took, how often progress was shown, and the longest gap between
// animation frames while it ran (a frozen page shows as a long gap). Timings only: no assertions.
import { parseArgs } from 'node:util';
import { launchBrowser } from '../../tests/e2e/support/browser';
import { preview } from 'vite';
import { benchFile } from './data';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '2000000' } } });
const file = await benchFile(Number(values.rows));
// Vite's preview server, as the e2e tests use: it serves the SPA fallback for /import.
const server = await preview({ preview: { host: '127.0.0.1', port: 0, open: false } });
const baseUrl = server.resolvedUrls!.local[0]!;
const browser = await launchBrowser();
try {
	const page = await browser.newPage();
	await page.goto(new URL('import', baseUrl).href);
	await page.waitForSelector('[data-testid="dataset-summary"]', { timeout: 120_000 });
	// Record every frame and every progress text the page shows. Passed as text: tsx would wrap a
	// function in helpers the page does not have.
	await page.evaluate(`(() => {
		window.frames_ = [];
		window.progress_ = [];
		const tick = (t) => { window.frames_.push(t); requestAnimationFrame(tick); };
		requestAnimationFrame(tick);
		new MutationObserver(() => {
			const text = document.querySelector('[data-testid="read-progress"] .numbers')?.textContent;
			if (text && text !== window.progress_.at(-1)) window.progress_.push(text);
		}).observe(document.body, { subtree: true, childList: true, characterData: true });
	})()`);
	const start = Date.now();
	await page.setInputFiles('[data-testid="file-input"]', file.path);
	await page.waitForSelector('[data-testid="mapping-editor"]', { timeout: 1_800_000 });
	const read = Date.now() - start;
	await page.click('[data-testid="run-import"]');
	await page.waitForSelector('[data-testid="import-report"], [data-testid="import-error"]', {
		timeout: 1_800_000
	});
	const total = Date.now() - start;
	const { gaps, progress, error } = (await page.evaluate(`(() => {
		const f = window.frames_;
		const d = f.slice(1).map((t, i) => t - f[i]).sort((a, b) => a - b);
		return {
			gaps: { max: d.at(-1), p99: d[Math.floor(d.length * 0.99)] },
			progress: window.progress_,
			error: document.querySelector('[data-testid="import-error"]')?.textContent ?? null
		};
	})()`)) as { gaps: { max: number; p99: number }; progress: string[]; error: string | null };
	console.log(
		`| file | MB | read ms | read + build ms | progress updates | max frame gap ms | p99 frame gap ms |`
	);
	console.log(`|---|--:|--:|--:|--:|--:|--:|`);
	console.log(
		`| ${file.name} | ${(file.bytes / 1e6).toFixed(0)} | ${read} | ${total} | ${progress.length} | ${gaps.max.toFixed(0)} | ${gaps.p99?.toFixed(0)} |`
	);
	console.log(`last progress: ${progress.at(-1) ?? '(none)'}${error ? `\nERROR: ${error}` : ''}`);
} finally {
	await browser.close();
	await server.close();
}
