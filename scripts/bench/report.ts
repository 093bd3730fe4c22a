// Turns raw timings into the printed Markdown table, its notes and the JSON summary rows.
import type { BenchOptions, SizeResult } from './types';

export interface EnvRun {
	environment: 'node' | 'chromium';
	rows: number;
	file: string;
	bytes: number;
	options: BenchOptions;
	/** Chromium only: fetching the CSV from loopback, never part of an import time. */
	fetchMs?: number;
	result?: SizeResult;
	/** Set when this environment × size could not finish (e.g. out of memory). */
	error?: string;
}

export interface Row {
	environment: string;
	rows: number;
	step: string;
	appMs: number | null;
	bareMs: number | null;
	ratio: number | null;
}

const FLOOR_STEP = 'floor: plain read_csv → table ¹';

function median(xs: readonly number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function summarise(run: EnvRun): Row[] {
	const base = { environment: run.environment, rows: run.rows };
	if (!run.result) {
		const why = (run.error ?? 'unknown error').split('\n')[0]!.slice(0, 240);
		return [{ ...base, step: `FAILED: ${why}`, appMs: null, bareMs: null, ratio: null }];
	}
	const rows: Row[] = run.result.steps.map(({ step, app, bare }) => {
		const [appMs, bareMs] = [median(app), median(bare)];
		return { ...base, step, appMs, bareMs, ratio: appMs / bareMs };
	});
	const floor = median(run.result.floor);
	// The floor's ratio compares the app's whole import with a plain read of the same file.
	const ratio = rows[0]!.appMs! / floor;
	rows.push({ ...base, step: FLOOR_STEP, appMs: null, bareMs: floor, ratio });
	return rows;
}

/** Per-statement medians of the import, slowest first: where an import's time goes. */
export function statementMedians(run: EnvRun) {
	return (run.result?.statements ?? [])
		.map(({ sql, appMs, bareMs }) => ({ sql, appMs: median(appMs), bareMs: median(bareMs) }))
		.sort((a, b) => b.appMs - a.appMs);
}

/** Both paths must have done the same work, else the ratios mean nothing. */
function mismatches(runs: readonly EnvRun[]): string[] {
	return runs.flatMap((r) => {
		const c = r.result?.checks;
		if (!c || c.appTrendRows.join() === c.bareTrendRows.join()) return [];
		return [`WARNING ${r.environment} ${r.rows}: app and bare trend results differ in size`];
	});
}

const ms = (x: number | null) => (x === null ? '—' : x < 100 ? x.toFixed(1) : x.toFixed(0));

export function markdownTable(rows: readonly Row[]): string {
	const head =
		'| environment | rows | step | app ms | bare ms | app/bare |\n|---|--:|---|--:|--:|--:|';
	const body = rows.map(
		(r) =>
			`| ${r.environment} | ${r.rows.toLocaleString('en-US')} | ${r.step} | ${ms(r.appMs)} | ` +
			`${ms(r.bareMs)} | ${r.ratio === null ? '—' : r.ratio.toFixed(2)} |`
	);
	return [head, ...body].join('\n');
}

/** The largest max ÷ min among repeats of one step on one path (other load, GC, JIT). */
function spread(runs: readonly EnvRun[]): string[] {
	const worst = (prefix: string) =>
		Math.max(
			...runs.flatMap((r) =>
				(r.result?.steps ?? [])
					.filter((s) => s.step.startsWith(prefix))
					.flatMap((s) => [s.app, s.bare])
					.filter((xs) => xs.length > 1)
					.map((xs) => Math.max(...xs) / Math.min(...xs))
			)
		);
	const [imports, queries] = [worst('import'), worst('trend')];
	if (!Number.isFinite(imports) && !Number.isFinite(queries)) return [];
	const x = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)}×` : 'n/a');
	return [
		`Repeats of one step on one path varied by up to ${x(imports)} (imports) and ${x(queries)} (queries), max ÷ min: app/bare ratios closer to 1 than that are noise.`
	];
}

export interface Machine {
	cores: number;
	cpu: string;
	node: string;
	chromium: string;
	duckdbWasm: string;
}

export function notes(runs: readonly EnvRun[], machine: Machine, seconds: number): string[] {
	const rows = (n: number) => n.toLocaleString('en-US');
	const importRuns = [
		...new Set(runs.map((r) => `${r.options.importRuns} at ${rows(r.rows)} rows`))
	];
	const q = runs[0]?.options;
	const fetches = runs
		.filter((r) => r.fetchMs !== undefined)
		.map(
			(r) => `${rows(r.rows)} rows (${(r.bytes / 1e6).toFixed(1)} MB) ${r.fetchMs!.toFixed(0)} ms`
		);
	return [
		`Imports: median of runs (${importRuns.join(', ')}), each on a fresh database, app and bare alternating; file registration included, database start and t-quantile setup not.`,
		`Queries: median of ${q?.queryRuns} runs after ${q?.warmups} warm-up, app and bare alternating; the app's are timed on its LocalEngine, so the Coordinator's cache plays no part.`,
		"app = the app's own code: its LocalEngine, installTQuantiles, importFiles (as src/lib/datasets/ calls it) and trendQuery. bare = every call the app made (recorded: SQL, parameters, registered bytes) replayed on duckdb-wasm's own API.",
		"¹ floor: bare `CREATE TABLE t AS FROM read_csv(file)` on a fresh database (DuckDB's sniffer, no validation, no episodes, no observations); its ratio is app import ÷ floor: what the import pipeline costs over a plain read.",
		...(fetches.length
			? [`Chromium CSV fetch from loopback (in no import time): ${fetches.join('; ')}.`]
			: []),
		...spread(runs),
		...mismatches(runs),
		`Machine: ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, Chromium ${machine.chromium}, duckdb-wasm ${machine.duckdbWasm}. Total bench time ${seconds.toFixed(0)} s.`,
		'Per-statement import timings (median per call, slowest first): bench-data/results.json.'
	];
}
