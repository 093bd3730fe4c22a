// The bare side: recorded calls replayed on duckdb-wasm's own API (see bare-node.ts and
// bare-browser.ts), and the floor, a plain read_csv. No Node or browser imports.
import type { RecordedOp, TimedOp } from './recording-engine';
import type { Engine } from './types';

const now = () => performance.now();

/** The same calls replayed on a fresh bare database; only the import's calls are timed. */
export async function importBare(engine: Engine, setup: RecordedOp[], calls: TimedOp[]) {
	const bare = await engine.bare();
	try {
		for (const op of setup) await bare.run(op);
		// Fresh copies made before the clock starts: registering detaches them in the browser.
		const ops = calls.map(({ op }) =>
			op.kind === 'registerFile' ? { ...op, data: op.data.slice() } : op
		);
		const callMs: number[] = [];
		const t0 = now();
		for (const op of ops) {
			const t = now();
			await bare.run(op);
			callMs.push(now() - t);
		}
		return { bare, ms: now() - t0, callMs };
	} catch (e) {
		await bare.close();
		throw e;
	}
}

export async function floorRun(engine: Engine, csv: Uint8Array): Promise<number> {
	const db = await engine.bare();
	try {
		const data = csv.slice();
		const t = now();
		await db.run({ kind: 'registerFile', name: 'floor.csv', data });
		await db.run({ kind: 'query', sql: `CREATE TABLE t AS FROM read_csv('floor.csv')` });
		return now() - t;
	} finally {
		await db.close();
	}
}
