// The benchmark itself, shared by Node and the Chromium harness (no Node or browser imports):
// the app's own import and trend query through its LocalEngine, the very same recorded calls
// replayed on duckdb-wasm's own API, and a plain read_csv as a floor.
import { importFiles } from '../../src/lib/import/import-files';
import type { SourceFile } from '../../src/lib/import/readers/types';
import { installTQuantiles } from '../../src/lib/stats/t-quantiles';
import { trendQuery, type TrendOptions } from '../../src/lib/stats/trend';
import { busyMs, describeOp, overlaps, recording, type TimedOp } from './recording-engine';
import { floorRun, importBare } from './replay';
import type { BareDb, BenchOptions, Engine, SizeResult, StepTimes } from './types';

const TREND = { measure: 'pain', axis: 'time', kind: 'paired', by: 'technique' } as const;
const QUERY_STEPS: { step: string; filter: TrendOptions }[] = [
	{ step: 'trend, all conditions', filter: { ...TREND, filter: { sql: 'TRUE', params: [] } } },
	{
		step: 'trend, Low back pain',
		filter: { ...TREND, filter: { sql: 'condition::VARCHAR = ?', params: ['Low back pain'] } }
	}
];

const now = () => performance.now();
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The app's import as the app runs it (src/lib/datasets/), on a fresh database, recorded. */
async function importApp(engine: Engine, source: SourceFile) {
	const conn = await engine.app();
	const rec = recording(conn);
	try {
		await installTQuantiles(rec.db); // untimed setup, recorded for the replay
		const setup = rec.take().map((t) => t.op);
		rec.overheadMs();
		const t0 = now();
		const { report } = await importFiles(rec.db, [source], { name: source.name, now: new Date() });
		const ms = now() - t0 - rec.overheadMs(); // the recorder's byte copies are not the app's
		return { conn, rec, setup, calls: rec.take(), ms, accepted: report.accepted };
	} catch (e) {
		await conn.close();
		// DuckDB's message (first line only: the rest is generic advice) and the call that failed.
		const failed = rec.take().findLast((t) => t.failed);
		const why = (e instanceof Error ? e.message : String(e)).split('\n')[0];
		const at = failed ? ` (in: ${describeOp(failed.op, 90)})` : '';
		throw new Error(why + at, { cause: e });
	}
}

export async function benchSize(
	engine: Engine,
	csv: Uint8Array<ArrayBuffer>,
	file: string,
	opts: BenchOptions,
	progress: (msg: string) => void
): Promise<SizeResult> {
	const source = { name: file, blob: new Blob([csv]) }; // the app is handed a File: a Blob
	const imports: StepTimes = { step: 'import', app: [], bare: [] };
	const appRuns: { calls: TimedOp[]; gap: number }[] = [];
	const bareRuns: { callMs: number[]; gap: number }[] = [];
	let app: Awaited<ReturnType<typeof importApp>> | undefined;
	let bare: BareDb | undefined;
	try {
		// Imports alternate app, bare, app, bare… so drift (other load, GC) hits both alike, each on
		// a fresh database with no other open, except that the last app database stays open through
		// the last bare import, so the queries can alternate between the two as well.
		for (let run = 1; run <= opts.importRuns; run++) {
			const last = run === opts.importRuns;
			progress(`  import run ${run}/${opts.importRuns}: app`);
			const a = await importApp(engine, source);
			if (last) app = a;
			else await a.conn.close();
			progress(`  import run ${run}/${opts.importRuns}: bare replay of ${a.calls.length} calls`);
			const b = await importBare(engine, a.setup, a.calls);
			if (last) bare = b.bare;
			else await b.bare.close();
			imports.app.push(a.ms);
			imports.bare.push(b.ms);
			appRuns.push({ calls: a.calls, gap: a.ms - busyMs(a.calls) });
			bareRuns.push({ callMs: b.callMs, gap: b.ms - sum(b.callMs) });
		}

		progress('  queries: app and bare alternately (app on its LocalEngine: no Coordinator cache)');
		const checks: SizeResult['checks'] = {
			accepted: app!.accepted,
			appTrendRows: [],
			bareTrendRows: []
		};
		const queries: StepTimes[] = [];
		for (const { step, filter } of QUERY_STEPS) {
			const spec = trendQuery(filter);
			const times: StepTimes = { step, app: [], bare: [] };
			for (let w = 0; w < opts.warmups; w++) await app!.rec.db.query(spec);
			const op = app!.rec.take()[0]!.op; // the very call the bare path replays
			for (let w = 0; w < opts.warmups; w++) await bare!.run(op);
			for (let r = 0; r < opts.queryRuns; r++) {
				let t = now();
				checks.appTrendRows.push((await app!.conn.query(spec)).numRows);
				times.app.push(now() - t);
				t = now();
				checks.bareTrendRows.push((await bare!.run(op)) ?? -1);
				times.bare.push(now() - t);
			}
			queries.push(times);
		}
		await app!.conn.close();
		await bare!.close();
		[app, bare] = [undefined, undefined];

		progress('  floor: plain read_csv');
		const floor: number[] = [];
		for (let run = 1; run <= opts.importRuns; run++) floor.push(await floorRun(engine, csv));

		// Every run makes the same calls in the same order (only random file names differ).
		// Calls the app issued together (Promise.all) are marked: their times include queueing.
		const first = appRuns[0]!.calls;
		const statements = first.map(({ op }, i) => ({
			sql: (overlaps(first, i) ? '[concurrent] ' : '') + describeOp(op),
			appMs: appRuns.map((r) => r.calls[i]?.ms ?? NaN),
			bareMs: bareRuns.map((r) => r.callMs[i] ?? NaN)
		}));
		statements.push({
			sql: '(between calls: the JavaScript of the app, or of the replay loop)',
			appMs: appRuns.map((r) => r.gap),
			bareMs: bareRuns.map((r) => r.gap)
		});
		return { steps: [imports, ...queries], floor, statements, checks };
	} finally {
		await app?.conn.close();
		await bare?.close();
	}
}
