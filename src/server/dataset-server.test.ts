import { tableFromIPC } from 'apache-arrow';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CSV_PATH } from '../../tests/support/db';
import { runImport } from '../cli/import-command';
import { createNativeEngine } from '../lib/engine/native-engine';
import { rowObjects } from '../lib/engine/rows';
import { LOOPBACK_HOSTS, openDatasetServer } from './dataset-server';

const dir = mkdtempSync(join(tmpdir(), 'mo-server-'));
const file = join(dir, 'sample.duckdb');
const appDir = join(dir, 'app');
const TOKEN = 'test-token-0123456789abcdef';
let server: Awaited<ReturnType<typeof openDatasetServer>>;
let base: string;

beforeAll(async () => {
	await runImport({ files: [SAMPLE_CSV_PATH.pathname], json: false, now: '2026-11-25', out: file });
	mkdirSync(join(appDir, '_app'), { recursive: true });
	writeFileSync(join(appDir, 'index.html'), '<!doctype html><title>app</title>');
	writeFileSync(join(appDir, '_app', 'x.js'), 'export {}');
	writeFileSync(join(dir, 'secret.txt'), 'not for you');
	server = await openDatasetServer({
		file,
		appDir,
		token: TOKEN,
		limits: { maxRows: 1000, maxBytes: 200_000, timeoutMs: 1000 },
		connections: 2,
		hosts: LOOPBACK_HOSTS
	});
	await new Promise<void>((r) => server.server.listen(0, '127.0.0.1', r));
	base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(() => server.close());

const auth = { Authorization: `Bearer ${TOKEN}` };

const post = (body: unknown, headers: Record<string, string> = auth) =>
	fetch(`${base}/api/query`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body: JSON.stringify(body)
	});

async function rows(sql: string, params: unknown[] = []) {
	const response = await post({ sql, params });
	expect(response.status, await response.clone().text()).toBe(200);
	return rowObjects(tableFromIPC(new Uint8Array(await response.arrayBuffer())));
}

async function failure(sql: string) {
	const response = await post({ sql });
	return { status: response.status, ...((await response.json()) as { message: string }) };
}

const COUNTS = `SELECT (SELECT count(*) FROM sessions) AS sessions,
	(SELECT count(*) FROM episode_measures) AS episodes`;

/** A raw GET, the path sent as written (fetch would tidy `..` away), any Host header. */
function rawGet(path: string, host?: string): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const { hostname, port } = new URL(base);
		const headers = host === undefined ? auth : { ...auth, Host: host };
		const req = httpRequest({ hostname, port, path, headers }, (res) => {
			let body = '';
			res.on('data', (c: Buffer) => (body += c.toString()));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
		});
		req.on('error', reject);
		req.end();
	});
}

describe('the dataset server', () => {
	it('answers a read with Arrow, parameters bound', async () => {
		expect(
			await rows('SELECT count(*) AS n FROM sessions WHERE clinic = ?', ['Riverside Clinic'])
		).toMatchObject([{ n: expect.any(Number) }]);
		const [info] = [await (await fetch(`${base}/api/info`, { headers: auth })).json()];
		expect(info).toEqual({ engine: 'DuckDB v1.4.3 (server)', dataset: 'sample.duckdb' });
	});

	it('refuses every request without the token, and a wrong one', async () => {
		expect((await post({ sql: 'SELECT 1' }, {})).status).toBe(401);
		expect((await post({ sql: 'SELECT 1' }, { Authorization: 'Bearer nope' })).status).toBe(401);
		expect((await fetch(`${base}/`)).status).toBe(401);
		expect((await fetch(`${base}/api/info`)).status).toBe(401);
		expect((await fetch(`${base}/?token=nope`, { redirect: 'manual' })).status).toBe(401);
	});

	it('takes the token once from the address and keeps it in a strict cookie', async () => {
		const response = await fetch(`${base}/director?token=${TOKEN}&x=1`, { redirect: 'manual' });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/director?x=1');
		const [cookie, served] = response.headers.getSetCookie();
		expect(cookie).toMatch(/^mo_token=.*; HttpOnly; SameSite=Strict/);
		expect(served).toMatch(/^mo_served=1; SameSite=Strict/); // the app's cue, no secret
		const page = await fetch(`${base}/director`, { headers: { Cookie: cookie!.split(';')[0]! } });
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('<title>app</title>');
	});

	it('refuses writes, files, addresses, settings and a second statement; the data stays', async () => {
		const before = await rows(COUNTS);
		const attempts = [
			'DROP TABLE sessions',
			'DELETE FROM sessions',
			"COPY sessions TO '/tmp/out.csv'",
			"ATTACH '/tmp/other.duckdb' AS other",
			'INSTALL httpfs',
			'LOAD httpfs',
			'SET enable_external_access = true',
			'PRAGMA enable_profiling',
			"SELECT * FROM read_csv('/etc/passwd')",
			"SELECT * FROM read_text('/etc/passwd')",
			"FROM 'http://127.0.0.1:9/x.csv'",
			'SELECT 1; DROP TABLE sessions',
			'SELECT 1) AS q; DROP TABLE sessions; --',
			'WITH x AS (SELECT 1) DELETE FROM sessions',
			'CREATE TEMP TABLE t AS SELECT 1'
		];
		for (const sql of attempts) {
			const { status, message } = await failure(sql);
			expect([400, 422], `${sql}: ${message}`).toContain(status);
			expect(message).not.toMatch(/root:/);
		}
		expect((await failure('SET threads = 1')).message).toMatch(/only reads: SET statements/);
		expect((await failure("SELECT * FROM read_csv('/etc/passwd')")).message).toMatch(
			/disabled|external access/i
		);
		expect((await failure('SELECT 1; DROP TABLE sessions')).message).toMatch(/multiple/i);
		expect(await rows(COUNTS)).toEqual(before);
	});

	it('caps results in rows and bytes, and stops a long query, saying so', async () => {
		expect(await failure('SELECT * FROM range(5000)')).toMatchObject({
			status: 413,
			message: expect.stringMatching(/more than 1000 rows/)
		});
		expect(await failure(`SELECT repeat('x', 1000) AS s FROM range(900)`)).toMatchObject({
			status: 413,
			message: expect.stringMatching(/larger than 0.2 MB/)
		});
		const long = 'SELECT count(*) FROM range(100000000) a, range(1000000) b';
		expect(await failure(long)).toMatchObject({
			status: 504,
			message: expect.stringMatching(/longer than 1 s/)
		});
		expect(await rows('SELECT 1 AS after')).toEqual([{ after: 1 }]);
	});

	it('answers only to its own names in the Host header, the token notwithstanding', async () => {
		const { port } = new URL(base);
		const rebound = await rawGet('/', `evil.example:${port}`);
		expect(rebound).toEqual({ status: 421, body: 'This server answers only at its own address.' });
		expect((await rawGet('/', 'evil.example')).status).toBe(421);
		expect((await rawGet('/', `localhost:${port}`)).status).toBe(200);
		expect((await rawGet('/', `127.0.0.1:${port}`)).status).toBe(200);
	});

	it('serves the app files, and refuses paths that leave its folder', async () => {
		expect((await rawGet('/_app/x.js')).status).toBe(200);
		for (const path of [
			'/../secret.txt',
			'/_app/../../secret.txt',
			'/%2e%2e/secret.txt',
			'/..%2fsecret.txt',
			'/_app/..%5c..%5csecret.txt'
		]) {
			const { status, body } = await rawGet(path);
			expect(status, path).toBe(400);
			expect(body).not.toContain('not for you');
		}
	});
});

describe('a dataset file written by an earlier importer', () => {
	it('is refused at start, saying how to write it again', async () => {
		const old = join(dir, 'old.duckdb');
		copyFileSync(file, old);
		// As a file written before the version was noted on the analysis tables.
		const db = await createNativeEngine({ file: old });
		await db.query({ sql: 'COMMENT ON TABLE measure_keys IS NULL' });
		await db.close();
		const opening = openDatasetServer({
			file: old,
			appDir,
			token: TOKEN,
			limits: { maxRows: 1000, maxBytes: 200_000, timeoutMs: 1000 },
			connections: 2,
			hosts: LOOPBACK_HOSTS
		});
		await expect(opening).rejects.toThrow(
			'old.duckdb holds analysis tables of an earlier version; this app reads version 2. Write it again from the export: npm run -s cli -- import <file...> --out old.duckdb'
		);
	});
});
