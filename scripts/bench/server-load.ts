// The DuckDB server under load (`npm run bench -- --only server`): a dataset file made by the
// command line from seeded sessions, `npm run serve`'s server started as its own process on
// 127.0.0.1, then N simulated dashboards, each replaying the analysis bench's filter changes and
// sending every chart's query of each state (one at a time, as the page's coordinator does) for
// a fixed time. Reports throughput and latency; every request must be answered with Arrow.
import { tableFromIPC } from 'apache-arrow';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { runImport } from '../../src/cli/import-command';
import type { QuerySpec } from '../../src/lib/engine/engine';
import { benchStates, pageQueries } from './analysis/states';
import { BENCH_DIR, benchFile } from './data';

export interface LoadOptions {
	rows: number;
	dashboards: number;
	seconds: number;
}

export interface LoadResult extends LoadOptions {
	requests: number;
	answered: number;
	errors: string[];
	lost: number;
	pages: number;
	requestsPerSecond: number;
	latencyMs: { p50: number; p95: number; max: number };
	pageMs: { p50: number; p95: number };
}

const log = (msg: string) => console.error(msg);

const freePort = () =>
	new Promise<number>((resolve) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});

/** Starts the server as a user would; resolves with its address and token once it listens. */
export async function startServer(
	file: string
): Promise<{ child: ChildProcess; base: string; token: string }> {
	const port = await freePort();
	const child = spawn(
		'node_modules/.bin/tsx',
		['src/server/main.ts', file, '--port', String(port)],
		{
			stdio: ['ignore', 'pipe', 'inherit']
		}
	);
	const printed = await new Promise<string>((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (c: Buffer) => {
			out += c.toString();
			if (/token=\S+/.test(out)) resolve(out);
		});
		child.on('exit', (code) => reject(new Error(`the server stopped (exit ${code})`)));
	});
	const token = /token=(\S+)/.exec(printed)![1]!;
	return { child, base: `http://127.0.0.1:${port}`, token };
}

/** One query posted as the app posts it; throws unless the answer is Arrow (then decoded). */
export async function askServer(base: string, token: string, spec: QuerySpec): Promise<void> {
	const response = await fetch(`${base}/api/query`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
		body: JSON.stringify({ sql: spec.sql, params: spec.params ?? [] })
	});
	const bytes = new Uint8Array(await response.arrayBuffer());
	if (!response.ok) throw new Error(`${response.status} ${new TextDecoder().decode(bytes)}`);
	tableFromIPC(bytes); // an answer that is not Arrow counts as an error
}

export const quantile = (sorted: number[], q: number) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;

export async function serverLoad(options: LoadOptions): Promise<LoadResult> {
	const csv = await benchFile(options.rows);
	const file = `${BENCH_DIR}/sessions-${options.rows}.duckdb`;
	// Made again when the CSV is newer (regenerated); delete it to rebuild after an import change.
	if (!existsSync(file) || statSync(file).mtimeMs < statSync(csv.path).mtimeMs) {
		log(`writing ${file} with the CLI import`);
		await runImport({ files: [csv.path], json: false, now: '2026-11-25', out: file });
	}
	const { child, base, token } = await startServer(file);
	const states = benchStates().map((s) => pageQueries(s.state).map((q) => q.spec));
	const latencies: number[] = [];
	const pageTimes: number[] = [];
	const errors: string[] = [];
	let requests = 0;
	const query = async (spec: QuerySpec) => {
		requests++;
		const started = performance.now();
		try {
			await askServer(base, token, spec);
			latencies.push(performance.now() - started);
		} catch (e) {
			errors.push(e instanceof Error ? e.message : String(e));
		}
	};
	log(`${options.dashboards} dashboards for ${options.seconds} s on ${options.rows} sessions`);
	const end = performance.now() + options.seconds * 1000;
	const started = performance.now();
	const dashboard = async (offset: number) => {
		for (let i = offset; performance.now() < end; i++) {
			const page = performance.now();
			for (const spec of states[i % states.length]!) await query(spec);
			pageTimes.push(performance.now() - page);
		}
	};
	await Promise.all(Array.from({ length: options.dashboards }, (_, d) => dashboard(d)));
	const elapsed = (performance.now() - started) / 1000;
	child.kill('SIGTERM');
	const sorted = latencies.sort((a, b) => a - b);
	const pages = pageTimes.sort((a, b) => a - b);
	return {
		...options,
		requests,
		answered: latencies.length,
		errors: errors.slice(0, 5),
		lost: requests - latencies.length - errors.length,
		pages: pages.length,
		requestsPerSecond: latencies.length / elapsed,
		latencyMs: {
			p50: quantile(sorted, 0.5),
			p95: quantile(sorted, 0.95),
			max: sorted.at(-1) ?? NaN
		},
		pageMs: { p50: quantile(pages, 0.5), p95: quantile(pages, 0.95) }
	};
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

/** One Markdown table row per run, and the notes under it. */
export function loadTable(r: LoadResult): string {
	return [
		'| sessions | dashboards | seconds | requests answered | errors | lost | requests/s | p50 | p95 | max | dashboard p50 | dashboard p95 |',
		'| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
		`| ${r.rows} | ${r.dashboards} | ${r.seconds} | ${r.answered} | ${r.requests - r.answered - r.lost} | ${r.lost} | ${r.requestsPerSecond.toFixed(1)} | ${ms(r.latencyMs.p50)} | ${ms(r.latencyMs.p95)} | ${ms(r.latencyMs.max)} | ${ms(r.pageMs.p50)} | ${ms(r.pageMs.p95)} |`,
		'',
		`- ${r.pages} dashboard refreshes (all chart queries of one filter state, one after another).`,
		...r.errors.map((e) => `- error: ${e}`)
	].join('\n');
}
