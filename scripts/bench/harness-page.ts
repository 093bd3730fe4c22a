// The Chromium side of `npm run bench`: the harness page (tests/harness/) built once, served on
// loopback beside bench-data/, opened in Debian's Chromium. Shared by the import and analysis parts.
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { launchBrowser } from '../../tests/e2e/support/browser';
import { serveStatic } from '../../tests/support/static-server';
import { BENCH_DIR } from './data';

const log = (msg: string) => console.error(msg);
let built: Promise<unknown> | null = null;

/** Runs `fn` on a fresh harness page (its own browser), closed afterwards whatever happens. */
export async function withHarnessPage<T>(
	fn: (page: Page, url: string) => Promise<T>
): Promise<{ value: T; version: string }> {
	built ??=
		(log('building the harness page (vite.harness.config.ts → build-harness/)'),
		build({ configFile: 'vite.harness.config.ts' }));
	await built;
	const served = await serveStatic({ '/': 'build-harness', '/bench-data/': BENCH_DIR });
	const browser = await launchBrowser();
	try {
		const page = await browser.newPage();
		// The harness reports progress with console.log; anything else (e.g. the favicon 404) is
		// labelled so it is not mistaken for the bench's own output.
		page.on('console', (m) =>
			log(m.type() === 'log' ? m.text() : `[chromium ${m.type()}] ${m.text()}`)
		);
		await page.goto(served.url);
		await page.waitForFunction(() => 'harness' in window);
		return { value: await fn(page, served.url), version: browser.version() };
	} finally {
		await browser.close();
		served.server.close();
	}
}
