// Named imports let the bundler drop duckdb-wasm's CDN helpers (never used here).
import {
	AsyncDuckDB,
	selectBundle,
	VoidLogger,
	type AsyncDuckDBConnection,
	type DuckDBBundles
} from '@duckdb/duckdb-wasm';
import { tableToIPC } from 'apache-arrow';
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
	const worker = new Worker(bundle.mainWorker);
	const db = new AsyncDuckDB(new VoidLogger(), worker);
	await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
	await db.open(DUCKDB_OPEN_CONFIG);
	return { db, conn: await connectWasm(db) };
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
		async queryStatement({ sql, params }) {
			const statement = await conn.prepare(sql);
			try {
				return await statement.query(...(params ?? []));
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
