// The analysis bench's bare path: the calls the app's setup made, replayed on duckdb-wasm's own
// API in a fresh database, then each state's statements with the same parameters. They run one
// after another: the Coordinator runs one read at a time too, and duckdb-wasm's worker would
// queue concurrent calls anyway, so sequential is the floor for the same work.
import { createBareBrowser } from '../bare-browser';
import type { RecordedOp } from '../recording-engine';
import { message, type SetupOps } from './app-side';
import type { PanelQuery } from './states';
import type { AnalysisSizeResult } from './types';

const now = () => performance.now();

export interface BareStateRun {
	ms: number;
	panels: { ms: number; rows: number; error?: string }[];
}

export async function bareSide(
	ops: SetupOps,
	states: PanelQuery[][],
	result: AnalysisSizeResult,
	progress: (msg: string) => void
): Promise<BareStateRun[]> {
	const bare = await createBareBrowser();
	try {
		progress('  bare: replaying the app setup and synthetic tables');
		for (const op of [...ops.setup, ...ops.synthesise]) await bare.run(op);
		progress('  bare: the derive statements');
		const t = now();
		for (const op of ops.derive) await bare.run(op);
		result.bareDeriveMs = now() - t;

		progress(`  bare: ${states.length} states, statements one after another`);
		const runs: BareStateRun[] = [];
		for (const queries of states) {
			const t0 = now();
			const panels: BareStateRun['panels'] = [];
			for (const { spec } of queries) {
				const t1 = now();
				const op: RecordedOp = { kind: 'query', sql: spec.sql, params: [...(spec.params ?? [])] };
				try {
					const rows = await bare.run(op);
					panels.push({ ms: now() - t1, rows: rows ?? -1 });
				} catch (e) {
					panels.push({ ms: now() - t1, rows: -1, error: message(e) });
				}
			}
			runs.push({ ms: now() - t0, panels });
		}
		return runs;
	} finally {
		await bare.close();
	}
}
