import type { Table } from 'apache-arrow';

/** A value bound to a `?` placeholder. Data never goes into SQL text. */
export type SqlValue = string | number | boolean | null;

/** A query as data: what the coordinator runs, caches and drops when superseded. */
export interface QuerySpec {
	sql: string;
	params?: readonly SqlValue[];
}

/**
 * The one seam between the app and DuckDB. The browser (duckdb-wasm) and Node (the same wasm
 * engine, blocking build) implement it, so every SQL builder runs unchanged on both.
 */
export interface Connector {
	/** Runs SQL (several statements allowed without params); returns the last result as Arrow. */
	query(sql: string, params?: readonly SqlValue[]): Promise<Table>;
	/**
	 * Makes bytes readable from SQL under `name`, e.g. `read_csv('name')`. In the browser the
	 * buffer is transferred to the worker: the caller's copy is detached afterwards.
	 */
	registerFile(name: string, bytes: Uint8Array): Promise<void>;
	/**
	 * The result as Arrow IPC file bytes, made where the engine runs (the worker, in the browser)
	 * and never parsed on the page: for storing whole tables without stalling the UI.
	 */
	queryIpc(sql: string): Promise<Uint8Array>;
	/** Creates table `name` from an Arrow table (readers of Excel, Parquet and JSON use this). */
	insertArrow(name: string, data: Table): Promise<void>;
	/** Forgets a registered file (its bytes can then be freed). */
	dropFile(name: string): Promise<void>;
	close(): Promise<void>;
}

/**
 * Run on every new connection. duckdb-wasm links only DuckDB's core: any other extension would
 * be downloaded from the network, which must never happen (and hangs offline), so a missing
 * extension must fail fast instead.
 */
export const SESSION_SETUP_SQL = [
	'SET autoinstall_known_extensions = false',
	'SET autoload_known_extensions = false'
];

/** Results come back as plain JS numbers; counts are BIGINT in DuckDB. */
export const DUCKDB_OPEN_CONFIG = { query: { castBigIntToDouble: true } };
