// Records what the app asks of DuckDB, so the bare path can replay exactly the same calls.
// No Node or browser imports: the Chromium harness uses it too.
import type { LocalEngine, SqlValue } from '../../src/lib/engine/engine';

/** One call the app made on its LocalEngine, with a copy of any bytes it registered. */
export type RecordedOp =
	| { kind: 'query'; sql: string; params?: SqlValue[] }
	| { kind: 'registerFile'; name: string; data: Uint8Array }
	| { kind: 'dropFile'; name: string };

export interface TimedOp {
	op: RecordedOp;
	/** performance.now() at the call, and its wall time (calls may overlap: Promise.all). */
	start: number;
	ms: number;
	/** The call threw (for error reports: cleanup calls may follow it). */
	failed?: boolean;
}

export interface Recording {
	/** Use this in place of the wrapped LocalEngine. */
	db: LocalEngine;
	/** The calls made since the last take(), each with its wall time. */
	take(): TimedOp[];
	/** Time spent copying registered bytes since the last take(): subtract it from timings. */
	overheadMs(): number;
}

export function recording(inner: LocalEngine): Recording {
	let ops: TimedOp[] = [];
	let overhead = 0;
	async function timed<T>(op: RecordedOp, call: () => Promise<T>): Promise<T> {
		const t0 = performance.now();
		let failed = false;
		try {
			return await call();
		} catch (e) {
			failed = true;
			throw e;
		} finally {
			ops.push({ op, start: t0, ms: performance.now() - t0, ...(failed && { failed }) });
		}
	}
	return {
		db: {
			query: (spec, options) =>
				timed(
					{
						kind: 'query',
						sql: spec.sql,
						...(spec.params?.length ? { params: [...spec.params] } : {})
					},
					() => inner.query(spec, options)
				),
			registerFile: (name, bytes) => {
				// Copied before the call: in the browser the buffer is detached afterwards.
				const t0 = performance.now();
				const data = bytes.slice();
				overhead += performance.now() - t0;
				return timed({ kind: 'registerFile', name, data }, () => inner.registerFile(name, bytes));
			},
			// The bare replay could not reproduce these (tables and bytes are not kept): fail, never
			// mismeasure. The bench imports CSV and queries; it saves no snapshots.
			insertArrow: async () => {
				throw new Error('insertArrow is not recorded: the bench replays CSV imports only');
			},
			exportIpc: async () => {
				throw new Error('exportIpc is not recorded: the bench replays CSV imports only');
			},
			importIpc: async () => {
				throw new Error('importIpc is not recorded: the bench replays CSV imports only');
			},
			queryStatement: async () => {
				throw new Error('queryStatement is not recorded: the bench replays the app’s own SQL');
			},
			connect: async () => {
				throw new Error('connect is not recorded: the bench replays one connection');
			},
			dropFile: (name) => timed({ kind: 'dropFile', name }, () => inner.dropFile(name)),
			close: () => inner.close()
		},
		take() {
			const taken = ops;
			ops = [];
			return taken;
		},
		overheadMs() {
			const taken = overhead;
			overhead = 0;
			return taken;
		}
	};
}

/** Wall time during which at least one call was running (overlapping calls counted once). */
export function busyMs(calls: readonly TimedOp[]): number {
	let [busy, end] = [0, -Infinity];
	for (const c of [...calls].sort((a, b) => a.start - b.start)) {
		busy += Math.max(0, c.start + c.ms - Math.max(c.start, end));
		end = Math.max(end, c.start + c.ms);
	}
	return busy;
}

/** Whether call i ran alongside another (its time then includes waiting for DuckDB). */
export function overlaps(calls: readonly TimedOp[], i: number): boolean {
	const c = calls[i]!;
	return calls.some((o, j) => j !== i && o.start < c.start + c.ms && c.start < o.start + o.ms);
}

/** A short, one-line label for a recorded call (for the per-statement breakdown). */
export function describeOp(op: RecordedOp, max = 110): string {
	const text = op.kind === 'query' ? op.sql.replace(/\s+/g, ' ').trim() : `${op.kind}(${op.name})`;
	return text.length > max ? text.slice(0, max - 1) + '…' : text;
}
