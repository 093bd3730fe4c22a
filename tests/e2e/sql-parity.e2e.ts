import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../harness/harness';
import { PARITY_QUERIES } from '../reference/parity-queries';
import { toPlainJson } from '../reference/plain-json';
import { dbWithCsv } from '../support/db';
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

describe('the same SQL gives the same answers in the browser and in Node', () => {
	it.each([
		['a hand-made file', fixture],
		['the bundled sample', sample]
	])('on %s', async (_name, csv) => {
		const [browserResults, nodeResults] = [await inBrowser(csv), await inNode(csv)];
		expect(browserResults.length).toBe(PARITY_QUERIES.length);
		browserResults.forEach((b, i) => {
			expect(comparable(b), `query ${i}`).toEqual(comparable(nodeResults[i]!));
			expect(comparable(b).length, `query ${i} returns rows`).toBeGreaterThan(0);
		});
	});
});
