// The DuckDB server at sizes no browser tab holds (`npm run bench -- --only server-scale`,
// `--server-scale-rows 10000000,50000000`): the analysis bench's synthetic sessions written to a
// dataset file by native DuckDB with the app's own buildDerivedTables (an import of a 5 GB CSV
// would time the reader, not the dashboard), `npm run serve`'s server started on it, then one
// dashboard replaying the analysis bench's filter changes, every chart's query of a state sent at
// once as the page's coordinator sends them: filter → all charts, p50/p95, like the page's.
import { existsSync, statSync } from 'node:fs';
import { datasetFileEngine } from '../../src/cli/dataset-file';
import type { QuerySpec } from '../../src/lib/engine/engine';
import { buildDerivedTables, DERIVED_VERSION } from '../../src/lib/model/derived-tables';
import { benchStates, pageQueries, WARMUPS } from './analysis/states';
import { syntheticTablesSql } from './analysis/synthetic-sql';
import { BENCH_DIR } from './data';
import { askServer, quantile, startServer } from './server-load';

export interface ScaleResult {
	rows: number;
	fileMb: number;
	/** Making the file: synthetic tables plus derived tables (null: the file was already there). */
	buildSeconds: number | null;
	states: number;
	rounds: number;
	stateMs: { p50: number; p95: number; max: number };
	errors: string[];
}

const log = (msg: string) => console.error(msg);
const ROUNDS = 3;

/** The synthetic dataset file of `rows` sessions, built natively if there is none yet. */
export async function syntheticDatasetFile(
	rows: number
): Promise<{ path: string; seconds: number | null }> {
	// Named by the analysis tables' version: a model change builds a new file.
	const path = `${BENCH_DIR}/synthetic-${rows}-v${DERIVED_VERSION}.duckdb`;
	if (existsSync(path)) return { path, seconds: null };
	log(`writing ${path}: synthetic sessions and the derived tables, native DuckDB`);
	const started = performance.now();
	const file = await datasetFileEngine(path);
	try {
		const db = await file.open();
		for (const sql of syntheticTablesSql(rows)) await db.query({ sql });
		await buildDerivedTables(db);
		await file.commit();
	} catch (e) {
		await file.discard();
		throw e;
	}
	return { path, seconds: (performance.now() - started) / 1000 };
}

async function measure(rows: number): Promise<ScaleResult> {
	const { path, seconds } = await syntheticDatasetFile(rows);
	const { child, base, token } = await startServer(path);
	const errors: string[] = [];
	const query = (spec: QuerySpec) =>
		askServer(base, token, spec).catch((e: unknown) => {
			errors.push(e instanceof Error ? e.message : String(e));
		});
	const states = benchStates().map((s) => pageQueries(s.state).map((q) => q.spec));
	const times: number[] = [];
	try {
		log(`server at ${rows} sessions: ${ROUNDS} rounds of ${states.length} filter changes`);
		for (let round = 0; round < ROUNDS; round++) {
			for (const [i, specs] of states.entries()) {
				const t = performance.now();
				await Promise.all(specs.map(query));
				// The first states of the first round warm the server up, as in the page's bench.
				if (round > 0 || i >= WARMUPS) times.push(performance.now() - t);
			}
		}
	} finally {
		child.kill('SIGTERM');
	}
	const sorted = times.sort((a, b) => a - b);
	return {
		rows,
		fileMb: statSync(path).size / 1e6,
		buildSeconds: seconds,
		states: states.length,
		rounds: ROUNDS,
		stateMs: { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted.at(-1)! },
		errors: errors.slice(0, 5)
	};
}

export async function serverScale(sizes: readonly number[]): Promise<ScaleResult[]> {
	const results: ScaleResult[] = [];
	for (const rows of sizes) results.push(await measure(rows));
	return results;
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

export function scaleTable(results: readonly ScaleResult[]): string {
	return [
		'| sessions | dataset file | built in | filter changes timed | filter → all charts p50 | p95 | max | errors |',
		'| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
		...results.map(
			(r) =>
				`| ${r.rows.toLocaleString('en-US')} | ${r.fileMb.toFixed(0)} MB | ${r.buildSeconds === null ? 'cached' : `${r.buildSeconds.toFixed(0)} s`} | ${r.rounds * r.states - WARMUPS} | ${ms(r.stateMs.p50)} | ${ms(r.stateMs.p95)} | ${ms(r.stateMs.max)} | ${r.errors.length} |`
		),
		'',
		'- The server engine (`npm run serve`, native DuckDB on every core) on one dashboard: every chart query of a filter change sent at once, as the page sends them, answered as Arrow over HTTP on 127.0.0.1.',
		...results.flatMap((r) => r.errors.map((e) => `- error at ${r.rows}: ${e}`))
	].join('\n');
}
