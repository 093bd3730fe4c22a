// npm run bench [-- --rows N … --env node|chromium --analysis-rows 100000,… --only import|analysis|first-load|tab-import|server|server-scale]:
// import + trend query timings, the app's LocalEngine vs the same calls on bare duckdb-wasm, in
// Node and in Chromium; then the analysis page's "filter change → all charts" in Chromium, the app's
// Coordinator vs the same SQL bare (analysis/); then the real app's cold and warm first chart
// (first-load.ts, `--first-load-runs N --first-load-baseline DIR`); then the generator's 10M-row
// CSV imported through the import screen and reopened in a new tab, with the tab's peak memory
// (tab-import.ts, `--tab-import-rows N`, about 5 minutes); then the DuckDB server under
// 20 simulated dashboards for 60 s (server-load.ts, `--server-rows N --server-dashboards N
// --server-seconds N`); then the server engine alone at 10M and 50M sessions (server-scale.ts,
// `--server-scale-rows 10000000,50000000`). Prints Markdown tables (stdout), writes
// bench-data/results.json, reports progress on stderr. Timings only: nothing here asserts on them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { createNodeEngine } from '../../src/lib/engine/node-engine';
import type { Harness } from '../../tests/harness/harness';
import { analysisInChromium } from './analysis/chromium';
import { analysisNotes, analysisTables, summariseAnalysis } from './analysis/report';
import { createBareNode } from './bare-node';
import { firstLoadPart } from './first-load';
import { benchSize } from './core';
import { BENCH_DIR, benchFile, type BenchFile } from './data';
import { withHarnessPage } from './harness-page';
import { loadTable, serverLoad } from './server-load';
import { scaleTable, serverScale } from './server-scale';
import { tabImport, tabImportTable } from './tab-import';
import { markdownTable, notes, statementMedians, summarise, type EnvRun } from './report';
import type { BenchOptions } from './types';

const log = (msg: string) => console.error(msg);
const pkg = 'node_modules/@duckdb/duckdb-wasm/package.json';
const machine = (chromium = 'not run') => ({
	cores: cpus().length,
	cpu: cpus()[0]?.model ?? 'unknown',
	node: process.version,
	chromium,
	duckdbWasm: (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version
});
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
	// One page for all sizes, as in Node one process: the larger file runs on a warm engine.
	const { value: runs, version } = await withHarnessPage(async (page, url) => {
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
					[`${url}bench-data/${f.name}`, f.name, run.options] as const
				);
				Object.assign(run, { fetchMs, result });
			} catch (e) {
				run.error = failure(e).replace(/^page\.evaluate: (Error: )?/, '');
				log(`  failed: ${run.error}`);
			}
			runs.push(run);
		}
		return runs;
	});
	return { runs, version };
}

const PARTS = ['import', 'analysis', 'first-load', 'tab-import', 'server', 'server-scale'] as const;

async function importPart(sizes: string[], env: string) {
	const started = performance.now();
	const files: BenchFile[] = [];
	for (const rows of sizes) files.push(await benchFile(Number(rows)));
	const node = env === 'chromium' ? [] : await inNode(files);
	const chromium = env === 'node' ? null : await inChromium(files);
	const runs = [...node, ...(chromium?.runs ?? [])];
	const seconds = (performance.now() - started) / 1000;
	const rows = runs.flatMap(summarise);
	const text = notes(runs, machine(chromium?.version), seconds);
	console.log([markdownTable(rows), '', ...text.map((n) => `- ${n}`)].join('\n'));
	const detail = runs.map((r) => ({ ...r, statementMedians: statementMedians(r) }));
	return {
		machine: machine(chromium?.version),
		totalSeconds: seconds,
		summary: rows,
		notes: text,
		runs: detail
	};
}

async function analysisPart(sizes: number[]) {
	const started = performance.now();
	const { results, version, load } = await analysisInChromium(sizes);
	const seconds = (performance.now() - started) / 1000;
	const summary = results.map(summariseAnalysis);
	const m = machine(version);
	const text = [
		...analysisNotes(results, load),
		`Machine: ${m.cores} cores (${m.cpu}), Chromium ${m.chromium}, duckdb-wasm ${m.duckdbWasm}. Analysis bench time ${seconds.toFixed(0)} s.`
	];
	console.log(['', analysisTables(summary), '', ...text.map((n) => `- ${n}`)].join('\n'));
	return { machine: m, totalSeconds: seconds, summary, notes: text, results };
}

async function main() {
	const { values } = parseArgs({
		options: {
			rows: { type: 'string', multiple: true, default: ['100000', '1000000'] },
			env: { type: 'string', default: 'both' },
			'analysis-rows': { type: 'string', default: '100000,1000000,10000000' },
			only: { type: 'string' },
			'first-load-runs': { type: 'string', default: '5' },
			'first-load-baseline': { type: 'string' },
			'tab-import-rows': { type: 'string', default: '10000000' },
			'server-rows': { type: 'string', default: '1000000' },
			'server-dashboards': { type: 'string', default: '20' },
			'server-seconds': { type: 'string', default: '60' },
			'server-scale-rows': { type: 'string', default: '10000000,50000000' }
		}
	});
	const only = values.only as (typeof PARTS)[number] | undefined;
	if (only !== undefined && !PARTS.includes(only)) throw new Error(`--only ${PARTS.join(' | ')}`);
	const sizes = values['analysis-rows'].split(',').map(Number);
	const path = `${BENCH_DIR}/results.json`;
	// A partial run keeps the other part's numbers from the last run (each part has its machine).
	const json: Record<string, unknown> =
		only && existsSync(path)
			? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>)
			: {};
	const runs = (part: (typeof PARTS)[number]) => only === undefined || only === part;
	if (runs('import')) Object.assign(json, await importPart(values.rows, values.env));
	if (runs('analysis')) json.analysis = await analysisPart(sizes);
	if (runs('first-load')) {
		const { version, ...firstLoad } = await firstLoadPart(
			Number(values['first-load-runs']),
			values['first-load-baseline']
		);
		json.firstLoad = { machine: machine(version), ...firstLoad };
	}
	if (runs('tab-import')) {
		log('building the app (vite build → build/) for the tab-import bench');
		await build({ logLevel: 'warn' });
		log(`tab import, ${values['tab-import-rows']} rows`);
		const result = await tabImport(Number(values['tab-import-rows']));
		console.log(['', tabImportTable(result)].join('\n'));
		json.tabImport = { machine: machine(result.chromium), ...result };
	}
	if (runs('server')) {
		const server = await serverLoad({
			rows: Number(values['server-rows']),
			dashboards: Number(values['server-dashboards']),
			seconds: Number(values['server-seconds'])
		});
		console.log(['', loadTable(server)].join('\n'));
		json.server = { machine: machine(), ...server };
	}
	if (runs('server-scale')) {
		const results = await serverScale(values['server-scale-rows'].split(',').map(Number));
		console.log(['', scaleTable(results)].join('\n'));
		json.serverScale = { machine: machine(), results };
	}
	mkdirSync(BENCH_DIR, { recursive: true }); // the import part's data files would make it
	writeFileSync(path, JSON.stringify(json, null, '\t') + '\n');
	log(`wrote ${path}`);
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
