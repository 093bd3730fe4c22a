import { tableFromIPC } from 'apache-arrow';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../harness/harness';
import { PARITY_QUERIES } from '../reference/parity-queries';
import { toPlainJson } from '../reference/plain-json';
import { runImport } from '../../src/cli/import-command';
import { LOOPBACK_HOSTS, openDatasetServer } from '../../src/server/dataset-server';
import { dbWithCsv, TEST_NOW } from '../support/db';
import { serveStatic } from '../support/static-server';
import { launchBrowser } from './support/browser';

const fixture = readFileSync('tests/fixtures/small-sessions.csv', 'utf8');
const sample = readFileSync('sample-data/sessions.csv', 'utf8');
let browser: Browser;
let served: Awaited<ReturnType<typeof serveStatic>>;

beforeAll(async () => {
	served = await serveStatic({ '/': 'build-harness' });
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	served?.server.close();
});

/**
 * Results with doubles cut to 12 significant digits: a sum's last bit depends on the order rows
 * reach the aggregate, which join strategies may change between runs (IEEE addition is not
 * associative). Everything else must match exactly.
 */
const comparable = (json: string): unknown[] =>
	JSON.parse(json, (_key, value: unknown) =>
		typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(12)) : value
	);

async function inBrowser(csv: string): Promise<string[]> {
	const page = await browser.newPage();
	await page.goto(served.url);
	await page.waitForFunction(() => 'harness' in window);
	const result = await page.evaluate(
		([c, q]) => (window as unknown as { harness: Harness }).harness.runQueries(c, q),
		[csv, PARITY_QUERIES] as const
	);
	await page.close();
	return result;
}

async function inNode(csv: string): Promise<string[]> {
	const { db } = await dbWithCsv(csv, 'parity.csv');
	const out: string[] = [];
	for (const q of PARITY_QUERIES)
		out.push(toPlainJson(await db.query({ sql: q.sql, params: q.params })));
	await db.close();
	return out;
}

/** The queries posted to the DuckDB server, over a dataset file the CLI made from the CSV. */
async function onServer(csv: string): Promise<string[]> {
	const dir = mkdtempSync(join(tmpdir(), 'mo-parity-'));
	writeFileSync(join(dir, 'parity.csv'), csv);
	const file = join(dir, 'parity.duckdb');
	const now = TEST_NOW.toISOString().slice(0, 10);
	await runImport({ files: [join(dir, 'parity.csv')], json: false, now, out: file });
	const token = 'parity-token';
	const limits = { maxRows: 100_000, maxBytes: 50_000_000, timeoutMs: 30_000 };
	const server = await openDatasetServer({
		file,
		appDir: 'build',
		token,
		limits,
		connections: 2,
		hosts: LOOPBACK_HOSTS
	});
	await new Promise<void>((r) => server.server.listen(0, '127.0.0.1', r));
	const url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}/api/query`;
	const out: string[] = [];
	try {
		for (const q of PARITY_QUERIES) {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
				body: JSON.stringify({ sql: q.sql, params: q.params ?? [] })
			});
			if (!response.ok) throw new Error(await response.text());
			out.push(toPlainJson(tableFromIPC(new Uint8Array(await response.arrayBuffer()))));
		}
	} finally {
		await server.close();
	}
	return out;
}

describe('the same SQL gives the same answers in the browser, in Node and on the server', () => {
	it.each([
		['a hand-made file', fixture],
		['the bundled sample', sample]
	])('on %s', async (_name, csv) => {
		const browserResults = await inBrowser(csv);
		const [nodeResults, serverResults] = [await inNode(csv), await onServer(csv)];
		expect(browserResults.length).toBe(PARITY_QUERIES.length);
		browserResults.forEach((b, i) => {
			expect(comparable(b), `query ${i}`).toEqual(comparable(nodeResults[i]!));
			expect(comparable(serverResults[i]!), `query ${i} on the server`).toEqual(comparable(b));
			expect(comparable(b).length, `query ${i} returns rows`).toBeGreaterThan(0);
		});
	});
});
