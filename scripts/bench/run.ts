// npm run bench [-- --rows N … --env node|chromium]: import + trend query timings, the app's
// LocalEngine vs the same calls on bare duckdb-wasm, in Node and in Chromium. Prints a Markdown
// table (stdout), writes bench-data/results.json, reports progress on stderr. Timings only:
// nothing here asserts on them.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { createNodeEngine } from '../../src/lib/engine/node-engine';
import { launchBrowser } from '../../tests/e2e/support/browser';
import type { Harness } from '../../tests/harness/harness';
import { serveStatic } from '../../tests/support/static-server';
import { createBareNode } from './bare-node';
import { benchSize } from './core';
import { BENCH_DIR, benchFile, type BenchFile } from './data';
import { markdownTable, notes, statementMedians, summarise, type EnvRun } from './report';
import type { BenchOptions } from './types';

const log = (msg: string) => console.error(msg);
const failure = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** 3 import runs where they are quick; 1 at a million rows keeps the bench near 5 minutes. */
const optionsFor = (rows: number): BenchOptions => ({
	importRuns: rows >= 1_000_000 ? 1 : 3,
	queryRuns: 7,
	warmups: 1
});

async function inNode(files: BenchFile[]): Promise<EnvRun[]> {
	const engine = { app: createNodeEngine, bare: createBareNode };
	const runs: EnvRun[] = [];
	for (const f of files) {
		log(`node, ${f.rows} rows`);
		const run: EnvRun = {
			environment: 'node',
			rows: f.rows,
			file: f.name,
			bytes: f.bytes,
			options: optionsFor(f.rows)
		};
		const csv = new Uint8Array(readFileSync(f.path));
		try {
			run.result = await benchSize(engine, csv, f.name, run.options, log);
		} catch (e) {
			run.error = failure(e);
			log(`  failed: ${run.error}`);
		}
		runs.push(run);
	}
	return runs;
}

async function inChromium(files: BenchFile[]): Promise<{ runs: EnvRun[]; version: string }> {
	log('building the harness page (vite.harness.config.ts → build-harness/)');
	await build({ configFile: 'vite.harness.config.ts' });
	const served = await serveStatic({ '/': 'build-harness', '/bench-data/': BENCH_DIR });
	const browser = await launchBrowser();
	try {
		// One page for all sizes, as in Node one process: the larger file runs on a warm engine.
		const page = await browser.newPage();
		// The harness reports progress with console.log; anything else (e.g. the favicon 404) is
		// labelled so it is not mistaken for the bench's own output.
		page.on('console', (m) =>
			log(m.type() === 'log' ? m.text() : `[chromium ${m.type()}] ${m.text()}`)
		);
		await page.goto(served.url);
		await page.waitForFunction(() => 'harness' in window);
		const runs: EnvRun[] = [];
		for (const f of files) {
			log(`chromium, ${f.rows} rows`);
			const run: EnvRun = {
				environment: 'chromium',
				...f,
				file: f.name,
				options: optionsFor(f.rows)
			};
			try {
				const { fetchMs, ...result } = await page.evaluate(
					([url, file, opts]) =>
						(window as unknown as { harness: Harness }).harness.bench(url, file, opts),
					[`${served.url}bench-data/${f.name}`, f.name, run.options] as const
				);
				Object.assign(run, { fetchMs, result });
			} catch (e) {
				run.error = failure(e).replace(/^page\.evaluate: (Error: )?/, '');
				log(`  failed: ${run.error}`);
			}
			runs.push(run);
		}
		return { runs, version: browser.version() };
	} finally {
		await browser.close();
		served.server.close();
	}
}

async function main() {
	const { values } = parseArgs({
		options: {
			rows: { type: 'string', multiple: true, default: ['100000', '1000000'] },
			env: { type: 'string', default: 'both' }
		}
	});
	const started = performance.now();
	const files: BenchFile[] = [];
	for (const rows of values.rows) files.push(await benchFile(Number(rows)));
	const node = values.env === 'chromium' ? [] : await inNode(files);
	const chromium = values.env === 'node' ? null : await inChromium(files);
	const runs = [...node, ...(chromium?.runs ?? [])];
	const seconds = (performance.now() - started) / 1000;

	const pkg = 'node_modules/@duckdb/duckdb-wasm/package.json';
	const machine = {
		cores: cpus().length,
		cpu: cpus()[0]?.model ?? 'unknown',
		node: process.version,
		chromium: chromium?.version ?? 'not run',
		duckdbWasm: (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version
	};
	const rows = runs.flatMap(summarise);
	const text = notes(runs, machine, seconds);
	console.log([markdownTable(rows), '', ...text.map((n) => `- ${n}`)].join('\n'));

	const detail = runs.map((r) => ({ ...r, statementMedians: statementMedians(r) }));
	const json = { machine, totalSeconds: seconds, summary: rows, notes: text, runs: detail };
	writeFileSync(`${BENCH_DIR}/results.json`, JSON.stringify(json, null, '\t') + '\n');
	log(`wrote ${BENCH_DIR}/results.json`);
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
