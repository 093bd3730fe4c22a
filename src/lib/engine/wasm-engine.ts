// Named imports let the bundler drop duckdb-wasm's CDN helpers (never used here).
import {
	AsyncDuckDB,
	selectBundle,
	VoidLogger,
	type AsyncDuckDBConnection,
	type DuckDBBundles
} from '@duckdb/duckdb-wasm';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { endsWithEndOfStream, INCOMPLETE_STREAM } from './arrow-ipc';
import { PreparedStatements } from './prepared-statements';
import {
	abortError,
	DUCKDB_OPEN_CONFIG,
	SESSION_SETUP_SQL,
	type LocalEngine,
	type QueryOptions,
	type QuerySpec
} from './engine';

// Files are emitted by Vite from node_modules and served from the app's own origin: no CDN.
const BUNDLES: DuckDBBundles = {
	mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
	eh: { mainModule: ehWasm, mainWorker: ehWorker }
};

/**
 * duckdb-wasm itself, opened as the app needs it (also the benchmark's bare baseline): the bundle
 * this browser supports, in a Web Worker, with the session settings applied.
 */
export async function openWasmDuckDB() {
	const bundle = await selectBundle(BUNDLES);
	if (!bundle.mainWorker) throw new Error('No DuckDB worker bundle fits this browser');
	const worker = workerUnderPagePolicy(bundle.mainWorker);
	const db = new AsyncDuckDB(new VoidLogger(), worker);
	await db.instantiate(absolute(bundle.mainModule), bundle.pthreadWorker);
	await db.open(DUCKDB_OPEN_CONFIG);
	return { db, conn: await connectWasm(db) };
}

const absolute = (url: string) => new URL(url, location.href).href;

/**
 * DuckDB's worker, started from a blob: URL that loads the self-hosted script. A worker started
 * from its own URL takes its Content-Security-Policy from that script's HTTP headers, which a
 * static server sends none of (the app's policy is a <meta> tag): duckdb-wasm's file system then
 * sent an XMLHttpRequest to any address SQL named (read_csv('http://…') reached another origin,
 * seen in tests/e2e/research.e2e.ts). A blob: worker inherits the page's policy, so its
 * connect-src 'self' holds inside the engine too. URLs are absolute: a blob has no base.
 */
function workerUnderPagePolicy(scriptUrl: string): Worker {
	const source = `importScripts(${JSON.stringify(absolute(scriptUrl))});`;
	const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
	try {
		return new Worker(url);
	} finally {
		URL.revokeObjectURL(url); // the worker has its script once constructed
	}
}

/**
 * Runs one statement as a pending query, which the page polls step by step (duckdb-wasm's
 * send): between two steps the worker takes a cancel, so an aborted statement stops instead of
 * holding the engine (and every chart behind it) until it ends. A prepared statement's run is
 * one step the worker cannot interrupt, hence this path for what may run long.
 */
async function cancellable(conn: AsyncDuckDBConnection, sql: string, signal: AbortSignal) {
	if (signal.aborted) throw abortError(signal);
	const cancel = () => void conn.cancelSent().catch(() => false);
	signal.addEventListener('abort', cancel, { once: true });
	try {
		const reader = await conn.send(sql);
		if (!reader) throw new Error('The DuckDB worker has stopped');
		const table = await tableFromIPC(reader);
		if (signal.aborted) throw abortError(signal);
		return table;
	} catch (error) {
		throw signal.aborted ? abortError(signal) : error;
	} finally {
		signal.removeEventListener('abort', cancel);
	}
}

async function connectWasm(db: AsyncDuckDB): Promise<AsyncDuckDBConnection> {
	const conn = await db.connect();
	for (const sql of SESSION_SETUP_SQL) await conn.query(sql);
	return conn;
}

/** DuckDB in a Web Worker, so queries and imports never block the page. */
export async function createWasmEngine(): Promise<LocalEngine> {
	const { db, conn } = await openWasmDuckDB();
	return wasmEngine(db, conn, () => db.terminate());
}

function wasmEngine(
	db: AsyncDuckDB,
	conn: AsyncDuckDBConnection,
	closeDatabase: (() => Promise<void>) | null
): LocalEngine {
	const statements = new PreparedStatements(conn);
	const run = async ({ sql, params }: QuerySpec) => {
		if (!params?.length) return conn.query(sql);
		return (await statements.get(sql)).query(...params);
	};
	return {
		async query(spec: QuerySpec, options?: QueryOptions) {
			if (options?.signal?.aborted) throw abortError(options.signal);
			return run(spec);
		},
		async queryStatement({ sql, params }, options) {
			// Prepared first in every case: DuckDB refuses text holding several statements here.
			const statement = await conn.prepare(sql);
			try {
				const signal = options?.signal;
				if (!signal || params?.length) return await statement.query(...(params ?? []));
				return await cancellable(conn, sql, signal);
			} finally {
				await statement.close();
			}
		},
		exportIpc: (sql) => conn.useUnsafe((bindings, id) => bindings.runQuery(id, sql)),
		async importIpc(name, stream) {
			if (!endsWithEndOfStream(stream)) throw new Error(INCOMPLETE_STREAM);
			await conn.insertArrowFromIPCStream(stream, { name, create: true });
		},
		async registerFile(name, bytes) {
			await db.registerFileBuffer(name, bytes);
		},
		async insertArrow(name, data) {
			await conn.insertArrowFromIPCStream(tableToIPC(data, 'stream'), { name, create: true });
		},
		async dropFile(name) {
			await db.dropFile(name);
		},
		connect: async () => wasmEngine(db, await connectWasm(db), null),
		async close() {
			await statements.closeAll();
			await conn.close();
			await closeDatabase?.();
		}
	};
}
