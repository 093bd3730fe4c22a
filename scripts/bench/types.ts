// Shapes shared by the bench's Node side, its browser side (tests/harness) and the report.
import type { LocalEngine } from '../../src/lib/engine/engine';
import type { RecordedOp } from './recording-engine';

/** duckdb-wasm's own API on a fresh database; `run` returns a query's row count. */
export interface BareDb {
	/** A registerFile op hands over (in the browser: detaches) its `data`. */
	run(op: RecordedOp): Promise<number | undefined>;
	close(): Promise<void>;
}

export interface Engine {
	app(): Promise<LocalEngine>;
	bare(): Promise<BareDb>;
}

export interface BenchOptions {
	importRuns: number;
	queryRuns: number;
	warmups: number;
}

export interface StepTimes {
	step: string;
	app: number[];
	bare: number[];
}

export interface SizeResult {
	steps: StepTimes[]; // import first, then the trend queries
	floor: number[];
	/**
	 * Each import call's wall time per run, app vs its bare replay, in call order; the last entry
	 * is the time between calls (the app's own JavaScript: reading, chunking, mapping).
	 */
	statements: { sql: string; appMs: number[]; bareMs: number[] }[];
	/** Sanity: both paths must have done the same work. */
	checks: { accepted: number; appTrendRows: number[]; bareTrendRows: number[] };
}
