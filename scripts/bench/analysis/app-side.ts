// The analysis bench's app path, in the Chromium page: the app's engine behind its Coordinator,
// set up as Workspace.start does, tables derived by the app's own buildDerivedTables in a write,
// then every chart's query of each state asked at once, as the page asks them.
import { Coordinator } from '../../../src/lib/engine/coordinator';
import type { LocalEngine, QuerySpec } from '../../../src/lib/engine/engine';
import { rowObjects } from '../../../src/lib/engine/rows';
import { createWasmEngine } from '../../../src/lib/engine/wasm-engine';
import { buildDerivedTables } from '../../../src/lib/model/derived-tables';
import { installTQuantiles } from '../../../src/lib/stats/t-quantiles';
import { describeOp, recording, type RecordedOp } from '../recording-engine';
import type { PanelQuery } from './states';
import { syntheticTablesSql } from './synthetic-sql';
import type { AnalysisSizeResult, TableRows } from './types';

const now = () => performance.now();
export const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
/** The Coordinator's own cache key (coordinator.ts), to match engine timings to panels. */
export const queryKey = (spec: QuerySpec) => JSON.stringify([spec.sql, spec.params ?? []]);

/** The engine's wall time per query, so a panel's own cost shows apart from queueing. */
function timedEngine(engine: LocalEngine, times: Map<string, number>): LocalEngine {
	return {
		...engine,
		async query(spec, options) {
			const t = now();
			try {
				return await engine.query(spec, options);
			} finally {
				times.set(queryKey(spec), now() - t);
			}
		}
	};
}

/** Every call the app's setup made, in order, for the bare path to replay. */
export interface SetupOps {
	setup: RecordedOp[];
	synthesise: RecordedOp[];
	derive: RecordedOp[];
}

export interface AppStateRun {
	ms: number;
	decodeMs: number;
	panels: { ms: number; rows: number; error?: string }[];
}

const COUNTS = `SELECT ${['sessions', 'observations', 'episode_measures', 'episode_points']
	.map((t) => `(SELECT count(*) FROM ${t})::DOUBLE AS ${t}`)
	.join(', ')}`;
const MEMORY = `SELECT sum(memory_usage_bytes) / 1e6 AS mb FROM duckdb_memory()`;

export async function appSide(
	rows: number,
	states: PanelQuery[][],
	result: AnalysisSizeResult,
	/** Filled as the app goes, so the bare path can replay as far as the app got. */
	ops: SetupOps,
	progress: (msg: string) => void
): Promise<AppStateRun[]> {
	const times = new Map<string, number>();
	const coordinator = new Coordinator(async () => timedEngine(await createWasmEngine(), times));
	const write = (into: RecordedOp[], fn: (db: LocalEngine) => Promise<void>) =>
		coordinator.write('bench', async (db) => {
			const rec = recording(db);
			try {
				await fn(rec.db);
			} catch (e) {
				// Which statement failed (e.g. ran out of memory), for the report.
				const taken = rec.take();
				into.push(...taken.map((t) => t.op));
				const failed = taken.findLast((t) => t.failed);
				throw new Error(`${message(e)}${failed ? ` (in: ${describeOp(failed.op, 60)})` : ''}`, {
					cause: e
				});
			} finally {
				into.push(...rec.take().map((t) => t.op));
			}
		});
	const memoryMb = async () =>
		rowObjects<{ mb: number }>(await coordinator.query({ sql: MEMORY }, { cache: false }))[0]?.mb;
	try {
		progress('  app: engine start, t-quantile macros (as Workspace.start)');
		await write(ops.setup, installTQuantiles);
		progress(`  app: synthetic canonical tables`);
		let t = now();
		await write(ops.synthesise, async (db) => {
			for (const sql of syntheticTablesSql(rows)) await db.query({ sql });
		});
		result.synthesiseMs = now() - t;
		result.canonicalMb = await memoryMb();
		progress(`  app: buildDerivedTables (synthesised in ${result.synthesiseMs.toFixed(0)} ms)`);
		t = now();
		await write(ops.derive, (db) => buildDerivedTables(db));
		result.deriveMs = now() - t;
		const [counts] = rowObjects<TableRows>(await coordinator.query({ sql: COUNTS }));
		result.tables = counts;
		result.memoryMb = await memoryMb();

		progress(`  app: ${states.length} states, every panel's query at once through the Coordinator`);
		const runs: AppStateRun[] = [];
		for (const queries of states) {
			let decodeMs = 0;
			const t0 = now();
			// A failing query is an answer too (the page shows the error): kept, not fatal.
			const answers = await Promise.all(
				queries.map(async ({ spec }) => {
					try {
						const table = await coordinator.query(spec);
						const d = now();
						const rows = rowObjects(table).length; // what each chart does with its answer
						decodeMs += now() - d;
						return { rows };
					} catch (e) {
						return { rows: -1, error: message(e) };
					}
				})
			);
			const ms = now() - t0;
			const panels = queries.map((q, i) => ({
				ms: times.get(queryKey(q.spec)) ?? 0,
				...answers[i]!
			}));
			runs.push({ ms, decodeMs, panels });
		}
		return runs;
	} finally {
		await coordinator.close();
	}
}
