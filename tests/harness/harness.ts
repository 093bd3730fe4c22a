import type { QuerySpec } from '../../src/lib/engine/engine';
import { createWasmEngine } from '../../src/lib/engine/wasm-engine';
import { importFiles } from '../../src/lib/import/import-files';
import { installTQuantiles } from '../../src/lib/stats/t-quantiles';
import { toPlainJson } from '../reference/plain-json';
import { createBareBrowser } from '../../scripts/bench/bare-browser';
import { benchSize } from '../../scripts/bench/core';
import { analysisBench as analysisSize } from '../../scripts/bench/analysis/page-bench';
import type { AnalysisOptions } from '../../scripts/bench/analysis/types';
import type { BenchOptions } from '../../scripts/bench/types';

/** Runs the same queries the Node parity test runs, through the app's browser LocalEngine. */
async function runQueries(csv: string, queries: QuerySpec[]): Promise<string[]> {
	const db = await createWasmEngine();
	await installTQuantiles(db);
	const source = { name: 'parity.csv', blob: new Blob([new TextEncoder().encode(csv)]) };
	await importFiles(db, [source], { now: new Date('2026-11-25T00:00:00Z') });
	const out: string[] = [];
	for (const q of queries) out.push(toPlainJson(await db.query({ sql: q.sql, params: q.params })));
	await db.close();
	return out;
}

/**
 * `npm run bench` in Chromium: fetches a CSV served beside the page (the fetch is timed apart,
 * never inside an import), then runs the shared benchmark on the app's and the bare engine.
 */
async function bench(url: string, file: string, opts: BenchOptions) {
	const t0 = performance.now();
	const csv = new Uint8Array(await (await fetch(url)).arrayBuffer());
	const fetchMs = performance.now() - t0;
	const engine = { app: createWasmEngine, bare: createBareBrowser };
	const result = await benchSize(engine, csv, file, opts, (msg) => console.log(msg));
	return { ...result, fetchMs };
}

/**
 * `npm run bench`'s analysis part: synthetic tables of `rows` sessions, the derived tables built,
 * then filter changes answered through the app's Coordinator and on bare duckdb-wasm.
 */
function analysisBench(rows: number, opts: AnalysisOptions) {
	return analysisSize(rows, opts, (msg) => console.log(msg));
}

const harness = { runQueries, bench, analysisBench, ready: true };
Object.assign(window, { harness });
export type Harness = typeof harness;
