import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runImport } from '../../src/cli/import-command';
import { LOOPBACK_HOSTS, openDatasetServer } from '../../src/server/dataset-server';
import { SAMPLE_CSV_PATH } from '../support/db';
import { drawnOnScreen, openAnalysis, PANELS, ready } from './support/analysis';
import { E2E_NOW, launchBrowser, openWatched } from './support/browser';

/**
 * The same app on the DuckDB server: a dataset file made by the command line from the bundled
 * sample, served with the built app by `npm run serve`'s server, opened in Chromium with the
 * printed address. Every chart must draw what the browser's own engine draws from the sample.
 */
const baseUrl = inject('baseUrl');
const TOKEN = 'e2e-token-0123456789abcdef';
let browser: Browser;
let served: Awaited<ReturnType<typeof openDatasetServer>>;
let serverUrl: string;

beforeAll(async () => {
	const file = join(mkdtempSync(join(tmpdir(), 'mo-e2e-server-')), 'sample.duckdb');
	const now = E2E_NOW.slice(0, 10);
	await runImport({ files: [SAMPLE_CSV_PATH.pathname], json: false, now, out: file });
	served = await openDatasetServer({
		file,
		appDir: 'build',
		token: TOKEN,
		limits: { maxRows: 200_000, maxBytes: 100_000_000, timeoutMs: 30_000 },
		connections: 2,
		hosts: LOOPBACK_HOSTS
	});
	await new Promise<void>((r) => served.server.listen(0, '127.0.0.1', r));
	serverUrl = `http://127.0.0.1:${(served.server.address() as AddressInfo).port}/`;
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await served?.close();
});

describe('the app on the DuckDB server', () => {
	it('draws every analysis chart as the browser engine does, and says where it runs', async () => {
		const { page, watch } = await openAnalysis(browser, `${serverUrl}?token=${TOKEN}`);
		expect(page.url()).toBe(serverUrl); // the token left the address
		await expect
			.poll(() => page.getByTestId('header-engine').textContent())
			.toMatch(/sample\.duckdb, DuckDB v1\.4\.3 \(server\)/);
		const onServer: string[] = [];
		for (const id of PANELS) {
			await ready(page, id);
			onServer.push(await drawnOnScreen(page, id));
		}
		expect(onServer[0]).toMatch(/n = \d+ episode/);
		// No duckdb-wasm was fetched: the server answered every query.
		expect(watch.requests.filter((u) => /\.wasm$/.test(u))).toEqual([]);
		expect(watch.requests.some((u) => u.endsWith('/api/query'))).toBe(true);

		const local = await openAnalysis(browser, baseUrl);
		for (const [i, id] of PANELS.entries()) {
			await ready(local.page, id);
			expect(await drawnOnScreen(local.page, id), id).toBe(onServer[i]);
		}
		await local.page.close();
		await page.close();
	});

	it('says the dataset is the server’s instead of offering an import', async () => {
		const { page } = await openWatched(browser, `${serverUrl}import?token=${TOKEN}`);
		await expect.poll(() => page.getByTestId('server-dataset').textContent()).toMatch(/read only/);
		expect(await page.getByTestId('drop-zone').count()).toBe(0);
		await page.close();
	});

	it('runs the research console through the server, which only reads', async () => {
		const { page } = await openWatched(browser, `${serverUrl}research?token=${TOKEN}`);
		await page
			.getByTestId('schema-list')
			.getByRole('button', { name: 'sessions', exact: true })
			.waitFor();
		const editor = page.getByLabel('Query (Ctrl+Enter or ⌘+Enter runs it)');
		const answered = () => page.locator('[data-answered]').getAttribute('data-answered');
		const run = async (sql: string) => {
			const before = Number(await answered());
			await editor.fill(sql);
			await editor.press('Control+Enter');
			await expect.poll(async () => Number(await answered())).toBeGreaterThan(before);
		};
		await run('SELECT count(*) AS n FROM sessions');
		expect(await page.getByTestId('result-table').locator('tbody td').first().textContent()).toBe(
			'4432'
		);
		for (const sql of ["SELECT * FROM read_csv('/etc/passwd')", 'SELECT 1; DROP TABLE sessions']) {
			await run(sql);
			expect(await page.getByTestId('console-error').textContent(), sql).toMatch(
				/only reads|reads only/
			);
		}
		await run('SELECT count(*) AS n FROM sessions');
		expect(await page.getByTestId('result-table').locator('tbody td').first().textContent()).toBe(
			'4432'
		);
		expect(await page.getByTestId('deid-on-server').count()).toBe(1);
		await page.close();
	});

	it('refuses a browser that has not got the token', async () => {
		const { page } = await openWatched(browser, serverUrl);
		expect(await page.textContent('body')).toMatch(/needs the token/);
		await page.close();
	});
});
