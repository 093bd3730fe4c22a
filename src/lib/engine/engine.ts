import type { Table } from 'apache-arrow';

/** A value bound to a `?` placeholder. Data never goes into SQL text. */
export type SqlValue = string | number | boolean | null;

/** A query as data: what the coordinator runs, caches and drops when superseded. */
export interface QuerySpec {
	sql: string;
	params?: readonly SqlValue[];
}

export interface QueryOptions {
	/** Aborted: the query is not started, or its answer is dropped (the promise rejects). */
	signal?: AbortSignal;
}

/**
 * What every engine can do, wherever DuckDB runs (a Web Worker, Node, later a server behind
 * HTTP): answer a query with an Arrow table. Reads only: that is all the dashboard needs.
 */
export interface QueryEngine {
	/** Runs SQL (several statements allowed without params); returns the last result as Arrow. */
	query(spec: QuerySpec, options?: QueryOptions): Promise<Table>;
	close(): Promise<void>;
}

/**
 * An engine in this process or its worker, which can also take data in: files, Arrow tables,
 * table bytes. Imports and dataset restores need one; only the coordinator's writes get it.
 */
export interface LocalEngine extends QueryEngine {
	/**
	 * Makes bytes readable from SQL under `name`, e.g. `read_csv('name')`. In the browser the
	 * buffer is transferred to the worker: the caller's copy is detached afterwards.
	 */
	registerFile(name: string, bytes: Uint8Array): Promise<void>;
	/** Forgets a registered file (its bytes can then be freed). */
	dropFile(name: string): Promise<void>;
	/** Creates table `name` from an Arrow table (readers of Excel, Parquet and JSON use this). */
	insertArrow(name: string, data: Table): Promise<void>;
	/**
	 * The result as Arrow IPC file bytes, made where the engine runs (the worker, in the browser)
	 * and never parsed on the page: for storing whole tables without stalling the UI.
	 */
	exportIpc(sql: string): Promise<Uint8Array>;
	/**
	 * Creates table `name` from Arrow IPC stream bytes, read where the engine runs (the bytes are
	 * handed over, not parsed here; in the browser the buffer is transferred and detached).
	 * Rejects a stream without record batches (duckdb-wasm: "must have at least one column") and
	 * one without its end-of-stream marker.
	 */
	importIpc(name: string, stream: Uint8Array): Promise<void>;
	/**
	 * A second connection to the same database: its TEMP tables and macros are its own, and go
	 * when it is closed. Each write runs on one, so a write's work tables are private to it.
	 */
	connect(): Promise<LocalEngine>;
	/**
	 * Runs exactly one statement, always prepared, `params` bound: DuckDB refuses to prepare text
	 * holding several ("Cannot prepare multiple statements at once"), which `query` would run one
	 * after another. For SQL that is not the app's own (the research console). With `signal`
	 * (and no params), the browser's engine stops the statement when it is aborted, between two
	 * steps of its work, and the promise rejects with AbortError; Node's runs it to the end.
	 */
	queryStatement(spec: QuerySpec, options?: QueryOptions): Promise<Table>;
}

/**
 * Tables live in an in-memory database that stores them compressed, as DuckDB stores a file
 * (dictionaries, bit-packing, run lengths), instead of the default one that keeps them as plain
 * vectors. Measured on the bench's synthetic tables (Node duckdb-wasm): 10M sessions took 1.9 GB
 * plain and 112 MB compressed, which is what lets the derived tables be built at 10M inside the
 * wasm heap (3.1 GB); queries ran as fast or slightly faster. Every connection uses it.
 */
const COMPRESSED_DATABASE = [
	"ATTACH IF NOT EXISTS ':memory:' AS mo_data (COMPRESS)",
	'USE mo_data'
];

/**
 * Run on every new connection. duckdb-wasm links only DuckDB's core: any other extension would
 * be downloaded from the network, which must never happen (and hangs offline), so a missing
 * extension must fail fast instead.
 */
export const SESSION_SETUP_SQL = [
	'SET autoinstall_known_extensions = false',
	'SET autoload_known_extensions = false',
	...COMPRESSED_DATABASE
];

/** Results come back as plain JS numbers; counts are BIGINT in DuckDB. */
export const DUCKDB_OPEN_CONFIG = { query: { castBigIntToDouble: true } };

/** The error an aborted query rejects with (a DOMException named AbortError, as fetch's). */
export function abortError(signal?: AbortSignal): Error {
	const reason: unknown = signal?.reason;
	return reason instanceof Error
		? reason
		: new DOMException('The query was cancelled', 'AbortError');
}

export const isAbortError = (e: unknown) => e instanceof Error && e.name === 'AbortError';
