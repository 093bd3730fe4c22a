import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { parquetReadObjects } from 'hyparquet';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { drawnOnScreen, ready } from './support/analysis';
import { launchBrowser, offOrigin, openWatched, type PageWatch } from './support/browser';

// The researcher's SQL console on the bundled sample: queries read, page and export; whatever
// else is typed is refused, the stored data and the dashboard stay as they were, and the page
// sends nothing anywhere (a decoy server on another port counts any request that gets out).
const baseUrl = inject('baseUrl');
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watch: PageWatch;
let decoy: Server;
let decoyHits = 0;
let decoyUrl = '';
/** Why each request the page tried failed, by address. */
const failed = new Map<string, string>();

beforeAll(async () => {
	decoy = createServer((_, res) => (decoyHits++, res.end('a\n1\n')));
	await new Promise<void>((done) => decoy.listen(0, '127.0.0.1', done));
	decoyUrl = `http://127.0.0.1:${(decoy.address() as AddressInfo).port}`;
	browser = await launchBrowser();
	// One context: the What works page opened beside the console shares its stored datasets.
	context = await browser.newContext();
	({ page, watch } = await openWatched(browser, new URL('research', baseUrl).href, context));
	page.on('requestfailed', (r) => failed.set(r.url(), r.failure()?.errorText ?? ''));
	await schemaListed();
});
afterAll(async () => {
	await browser?.close();
	decoy?.close();
});

const work = () => page.locator('[data-answered]');
const status = () => page.getByTestId('result-status').textContent();

function schemaListed() {
	return page
		.getByTestId('schema-list')
		.getByRole('button', { name: 'sessions', exact: true })
		.waitFor({ timeout: 60_000 });
}

/** Types `sql`, runs it with Ctrl+Enter, and waits for its answer. */
async function run(sql: string) {
	const before = Number(await work().getAttribute('data-answered'));
	await page.getByLabel('Query (Ctrl+Enter or ⌘+Enter runs it)').fill(sql);
	await page.getByLabel('Query (Ctrl+Enter or ⌘+Enter runs it)').press('Control+Enter');
	await expect
		.poll(async () => Number(await work().getAttribute('data-answered')))
		.toBeGreaterThan(before);
}

/** The result table: header names, then each row's cells. */
const result = () =>
	page
		.getByTestId('result-table')
		.evaluate((t) =>
			[...t.querySelectorAll('tr')].map((tr) =>
				[...tr.querySelectorAll('th, td')].map((c) => c.firstChild?.textContent ?? '')
			)
		);

async function errorShown() {
	const box = page.getByTestId('console-error');
	return {
		summary: await box.locator('.summary').textContent(),
		detail: (await box.locator('pre').count()) ? await box.locator('pre').textContent() : null
	};
}

async function download(testid: string) {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId(testid).click()
	]);
	return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

const COUNTS = `SELECT (SELECT count(*) FROM sessions) AS sessions,
	(SELECT count(*) FROM observations) AS observations,
	(SELECT count(*) FROM episode_measures) AS episodes,
	(SELECT count(*) FROM duckdb_tables()) AS tables`;

async function storedCounts() {
	await run(COUNTS);
	return (await result())[1];
}

describe('the research console', () => {
	it('runs a query and shows its result page, NULL apart from the text NULL', async () => {
		await run("SELECT count(*) AS n, NULL AS nothing, 'NULL' AS text FROM sessions");
		const [head, row] = await result();
		expect(head).toEqual(['n', 'nothing', 'text']);
		expect(Number(row![0])).toBeGreaterThan(1000);
		expect(row!.slice(1)).toEqual(['NULL', 'NULL']);
		const cells = page.getByTestId('result-table').locator('tbody td');
		expect(await cells.nth(1).getAttribute('class')).toMatch(/null/);
		expect(await cells.nth(2).getAttribute('class')).not.toMatch(/null/);
		expect(await status()).toBe('Rows 1–1 of 1');
	});

	it('lists the tables beside it, and starts a query of the one clicked', async () => {
		const schema = page.getByTestId('schema-list');
		await schema.getByRole('button', { name: 'episode_measures', exact: true }).click();
		const editor = page.getByLabel('Query (Ctrl+Enter or ⌘+Enter runs it)');
		expect(await editor.inputValue()).toMatch(/^SELECT \*\nFROM "?episode_measures"?\nLIMIT 100$/);
		await expect.poll(() => editor.evaluate((e) => e === document.activeElement)).toBe(true);
		await editor.press('Control+Enter');
		await expect.poll(status).toBe('Rows 1–100 of 100');
		expect((await result())[0]).toContain('improvement');
		// Folded (closed <details>): read from the page, not the accessibility tree.
		const columns = schema.locator('ul[aria-label="Columns of sessions"]');
		expect(await columns.textContent()).toMatch(/session_date\s*DATE/);
	});

	it('pages a long result and counts all of it', async () => {
		await run('SELECT session_id FROM sessions ORDER BY session_id');
		const total = (await status())!.match(/of ([\d,]+)$/)![1]!;
		expect(await status()).toBe(`Rows 1–100 of ${total}`);
		const before = Number(await work().getAttribute('data-answered'));
		await page.getByRole('button', { name: 'Next page' }).click();
		await expect
			.poll(async () => Number(await work().getAttribute('data-answered')))
			.toBe(before + 1);
		expect(await status()).toBe(`Rows 101–200 of ${total}`);
		const rows = await result();
		expect(rows[1]).toEqual(['101']);
		expect(rows).toHaveLength(101);
	});

	it('exports the whole result as CSV and as Parquet', async () => {
		await run(`SELECT session_id, clinic, session_date, '=HYPERLINK(1)' AS formula FROM sessions
			ORDER BY session_id DESC`);
		const total = Number((await status())!.match(/of ([\d,]+)$/)![1]!.replace(/,/g, ''));
		const csv = await download('export-csv');
		expect(csv.name).toBe('query-result.csv');
		const lines = csv.bytes
			.toString('utf8')
			.replace(/^\ufeff/, '')
			.split('\r\n');
		expect(lines[0]).toBe('session_id,clinic,session_date,formula');
		expect(lines).toHaveLength(total + 2); // header, rows, the last line's end
		expect(lines[1]).toMatch(
			new RegExp(`^${total},[^,]+,\\d{4}-\\d\\d-\\d\\d,'=HYPERLINK\\(1\\)$`)
		);
		const parquet = await download('export-parquet');
		expect(parquet.name).toBe('query-result.parquet');
		const read = await parquetReadObjects({ file: new Uint8Array(parquet.bytes).buffer });
		expect(read).toHaveLength(total);
		expect(read[0]!.session_id).toBe(total);
		expect(read.at(-1)!.session_id).toBe(1);
		expect(read[0]!.clinic).toBe(lines[1]!.split(',')[1]);
		expect((read[0]!.session_date as Date).toISOString().slice(0, 10)).toBe(
			lines[1]!.split(',')[2]
		);
	});

	it('says what is wrong with a query, with DuckDB’s own line', async () => {
		await run('SELECT nope FROM sessions');
		const error = await errorShown();
		expect(error.summary).toBe('The query names a column that does not exist, or mixes types.');
		expect(error.detail).toMatch(/^Binder Error: Referenced column "nope" not found/);
		expect(error.detail).not.toMatch(/console_query|LINE|\n/);
		expect(await page.getByTestId('result-table').count()).toBe(0);
	});

	it('refuses every harmful statement, and the data, the dashboard and the network stay untouched', async () => {
		const counts = await storedCounts();
		const harmful = [
			'DROP TABLE sessions',
			'DELETE FROM sessions',
			'UPDATE observations SET value = 0',
			'INSERT INTO measures SELECT * FROM measures',
			'CREATE TABLE copy AS SELECT * FROM sessions',
			"COPY sessions TO 'sessions.csv'",
			"ATTACH ':memory:' AS other",
			'INSTALL httpfs',
			'LOAD httpfs',
			'SET autoload_known_extensions = true',
			`SELECT * FROM read_csv('${decoyUrl}/data.csv')`,
			`FROM '${decoyUrl}/data.parquet'`,
			'SELECT 1; DROP TABLE sessions',
			'SELECT 1) AS q; DELETE FROM sessions; SELECT * FROM (SELECT 1',
			'/* SELECT */ DROP TABLE sessions',
			"SELECT * FROM query('DROP TABLE sessions')"
		];
		for (const sql of harmful) {
			await run(sql);
			const { summary } = await errorShown();
			expect(summary, sql).toMatch(
				/^(The console only reads|The console reads only|DuckDB could not (read|run) this query)/
			);
			expect(await page.getByTestId('result-table').count(), sql).toBe(0);
			if (sql === 'DROP TABLE sessions')
				expect(summary).toBe(
					'The console only reads: DROP statements are not run. Ask with SELECT, WITH, FROM, VALUES, DESCRIBE or SUMMARIZE.'
				);
		}
		expect(await storedCounts()).toEqual(counts);
		// DuckDB's file system did try the addresses (it would have fetched them): the page's
		// Content-Security-Policy, which its worker inherits, stopped each before it left.
		expect(decoyHits).toBe(0);
		const tried = offOrigin(watch, baseUrl);
		expect(tried.every((u) => u.startsWith(decoyUrl))).toBe(true);
		for (const u of tried) expect(failed.get(u), u).toMatch(/csp/i);
		// The requests of the engine's worker are seen too: the wasm it fetched is among them.
		expect(watch.requests.some((u) => u.endsWith('.wasm'))).toBe(true);
		// The only errors logged are the engine's and the browser's reports of those refusals.
		expect(watch.errors.filter((e) => !e.includes(decoyUrl))).toEqual([]);
	});

	it('leaves the stored dataset and the What works page as they were', async () => {
		const counts = await storedCounts();
		const { page: analysis } = await openWatched(browser, baseUrl, context);
		await ready(analysis, 'matrix-panel');
		const matrix = await drawnOnScreen(analysis, 'matrix-panel');
		await analysis.close();
		for (const sql of ['DELETE FROM episode_measures', 'DROP TABLE episode_cube']) await run(sql);
		// A reload restores the stored dataset from IndexedDB: the same tables, the same matrix.
		await page.reload();
		await schemaListed();
		expect(await storedCounts()).toEqual(counts);
		const { page: again } = await openWatched(browser, baseUrl, context);
		await ready(again, 'matrix-panel');
		expect(await drawnOnScreen(again, 'matrix-panel')).toBe(matrix);
		await again.close();
	});

	it('stops a long query when cancelled, and answers the next one', async () => {
		const editor = page.getByLabel('Query (Ctrl+Enter or ⌘+Enter runs it)');
		// 10^12 pairs: hours of work, unless the engine stops it.
		await editor.fill(
			'SELECT count(*) FROM range(1000000) a, range(1000000) b WHERE a.range < b.range'
		);
		await page.getByTestId('run-query').click();
		await expect.poll(status).toBe('Running…');
		await page.waitForTimeout(1000);
		await page.getByRole('button', { name: 'Cancel' }).click();
		expect(await status()).toBe('Cancelled.');
		await run('SELECT 42 AS answer');
		expect((await result())[1]).toEqual(['42']);
	});

	it('keeps the queries run on this device, and puts one back on a click', async () => {
		await run('SELECT 42 AS answer');
		await run('SELECT 1 AS one');
		const history = page.getByTestId('history-list');
		expect(await history.locator('li').first().textContent()).toBe('SELECT 1 AS one');
		// Kept across the reload above: the counts ran before it are still listed.
		expect(await history.textContent()).toContain('count(*) FROM observations');
		await history.getByRole('button', { name: 'SELECT 42 AS answer', exact: true }).click();
		const editor = page.getByLabel('Query (Ctrl+Enter or ⌘+Enter runs it)');
		expect(await editor.inputValue()).toBe('SELECT 42 AS answer');
		await page.getByTestId('run-query').click();
		await expect.poll(async () => (await result())[1]).toEqual(['42']);
		expect(await history.locator('li').first().textContent()).toBe('SELECT 42 AS answer');
	});
});
