import { tableFromIPC, tableToIPC } from 'apache-arrow';
import {
	BIGINT,
	BOOLEAN,
	DOUBLE,
	DuckDBInstance,
	INTEGER,
	SQLNULL,
	VARCHAR,
	type DuckDBConnection,
	type DuckDBType,
	type DuckDBValue
} from '@duckdb/node-api';
import { endsWithEndOfStream, INCOMPLETE_STREAM } from './arrow-ipc';
import {
	abortError,
	SESSION_SETUP_SQL,
	type LocalEngine,
	type QueryOptions,
	type QuerySpec,
	type SqlValue
} from './engine';
import { insertTable } from './native-insert';
import { emptyTable, readerToArrow } from './native-arrow';
import { NativeFiles } from './native-files';
import { quoteString } from './quote';

export interface NativeOptions {
	/**
	 * A DuckDB file holding the dataset, attached as the `mo_data` catalog the app's SQL reads
	 * (in place of the in-memory one SESSION_SETUP_SQL makes): written by the command line's
	 * import, read by the server.
	 */
	file?: string;
	/** Attach `file` read only: DuckDB then refuses every write to it. */
	readOnly?: boolean;
	/** queryStatement refuses a result of more rows than this (the server's cap). */
	maxRows?: number;
}

/** A statement's result was longer than NativeOptions.maxRows. */
export class TooManyRowsError extends Error {
	constructor(readonly maxRows: number) {
		super(`The result has more than ${maxRows} rows.`);
		this.name = 'TooManyRowsError';
	}
}

/**
 * Native DuckDB (`@duckdb/node-api`, the same DuckDB version as duckdb-wasm, on every core) as a
 * LocalEngine: the same SQL as in the browser, results as the same Arrow tables (native-arrow.ts).
 * Extensions never install or load, as on every engine (instance settings and SESSION_SETUP_SQL).
 */
export async function createNativeEngine(options: NativeOptions = {}): Promise<NativeEngine> {
	const instance = await DuckDBInstance.create(':memory:', {
		autoinstall_known_extensions: 'false',
		autoload_known_extensions: 'false'
	});
	const files = new NativeFiles();
	const first = await instance.connect();
	if (options.file) {
		const mode = options.readOnly ? ' (READ_ONLY)' : '';
		await first.run(`ATTACH ${quoteString(options.file)} AS mo_data${mode}`);
	}
	const setUp = async (conn: DuckDBConnection) => {
		for (const sql of SESSION_SETUP_SQL) await conn.run(sql);
		await conn.run(`SET file_search_path = ${quoteString(files.dir)}`);
		return conn;
	};
	const close = () => {
		instance.closeSync();
		files.removeAll();
	};
	return nativeEngine(await setUp(first), {
		...options,
		files,
		open: () => instance.connect(),
		setUp,
		close
	});
}

/** The native engine, which can also be locked down (the server does, once started). */
export interface NativeEngine extends LocalEngine {
	connect(): Promise<NativeEngine>;
	/**
	 * From now on no SQL reaches a file or address (`enable_external_access = false`) and no
	 * setting can change (`lock_configuration`). For the whole database, for good: connections
	 * opened before stay usable, new ones cannot run the session setup.
	 */
	lockDown(): Promise<void>;
}

interface Shared extends NativeOptions {
	files: NativeFiles;
	open: () => Promise<DuckDBConnection>;
	setUp: (conn: DuckDBConnection) => Promise<DuckDBConnection>;
	close: (() => void) | null;
}

/**
 * Values typed as duckdb-wasm types them (a whole number is INTEGER, BIGINT beyond 32 bits,
 * anything else DOUBLE), so `? / 2` or `LIMIT ?` mean the same on both engines.
 */
function bound(params: readonly SqlValue[]): [DuckDBValue[], DuckDBType[]] {
	const types = params.map((p): DuckDBType => {
		if (p === null) return SQLNULL;
		if (typeof p === 'string') return VARCHAR;
		if (typeof p === 'boolean') return BOOLEAN;
		if (!Number.isInteger(p)) return DOUBLE;
		return Math.abs(p) < 2 ** 31 ? INTEGER : Number.isSafeInteger(p) ? BIGINT : DOUBLE;
	});
	const values = params.map((p, i) => (types[i] === BIGINT ? BigInt(p as number) : p));
	return [values, types];
}

function nativeEngine(conn: DuckDBConnection, shared: Shared): NativeEngine {
	/** One statement, prepared (several in the text are refused), read up to the row cap. */
	const statement = async ({ sql, params }: QuerySpec) => {
		const prepared = await conn.prepare(sql);
		try {
			if (params?.length) prepared.bind(...bound(params));
			const cap = shared.maxRows;
			if (cap === undefined) return readerToArrow(await prepared.runAndReadAll());
			const reader = await prepared.streamAndReadUntil(cap + 1);
			if (reader.currentRowCount > cap) throw new TooManyRowsError(cap);
			return readerToArrow(reader);
		} finally {
			prepared.destroySync();
		}
	};
	const run = async (spec: QuerySpec) => {
		if (spec.params?.length) return statement(spec);
		const reader = await conn.runAndReadAll(spec.sql); // several statements: the last's rows
		return reader.columnCount ? readerToArrow(reader) : emptyTable();
	};
	return {
		async query(spec: QuerySpec, options?: QueryOptions) {
			if (options?.signal?.aborted) throw abortError(options.signal);
			return run(spec);
		},
		async queryStatement(spec, options) {
			const signal = options?.signal;
			if (signal?.aborted) throw abortError(signal);
			// An abort interrupts the statement inside DuckDB, which then fails at once.
			const interrupt = () => conn.interrupt();
			signal?.addEventListener('abort', interrupt, { once: true });
			try {
				return await statement(spec);
			} catch (error) {
				throw signal?.aborted ? abortError(signal) : error;
			} finally {
				signal?.removeEventListener('abort', interrupt);
			}
		},
		// A valid Arrow file (apache-arrow's writer), though not framed as DuckDB frames its own:
		// its schema is in the footer only, so streamOfFile finds no stream in it.
		async exportIpc(sql) {
			return tableToIPC(await run({ sql }), 'file');
		},
		async importIpc(name, stream) {
			if (!endsWithEndOfStream(stream)) throw new Error(INCOMPLETE_STREAM);
			await insertTable(conn, name, tableFromIPC(stream));
		},
		registerFile: (name, bytes) => shared.files.register(name, bytes),
		dropFile: (name) => shared.files.drop(name),
		insertArrow: (name, data) => insertTable(conn, name, data),
		async connect() {
			return nativeEngine(await shared.setUp(await shared.open()), { ...shared, close: null });
		},
		async lockDown() {
			await conn.run('SET enable_external_access = false');
			await conn.run('SET lock_configuration = true');
		},
		async close() {
			conn.closeSync();
			shared.close?.();
		}
	};
}
