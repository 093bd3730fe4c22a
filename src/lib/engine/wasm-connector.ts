// Named imports let the bundler drop duckdb-wasm's CDN helpers (never used here).
import { AsyncDuckDB, selectBundle, VoidLogger, type DuckDBBundles } from '@duckdb/duckdb-wasm';
import { tableToIPC } from 'apache-arrow';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { DUCKDB_OPEN_CONFIG, SESSION_SETUP_SQL, type Connector, type SqlValue } from './connector';

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
	const conn = await db.connect();
	for (const sql of SESSION_SETUP_SQL) await conn.query(sql);
	return { db, conn };
}

/** DuckDB in a Web Worker, so queries and imports never block the page. */
export async function createWasmConnector(): Promise<Connector> {
	const { db, conn } = await openWasmDuckDB();
	return {
		async query(sql: string, params?: readonly SqlValue[]) {
			if (!params?.length) return conn.query(sql);
			const statement = await conn.prepare(sql);
			try {
				return await statement.query(...params);
			} finally {
				await statement.close();
			}
		},
		queryIpc: (sql) => conn.useUnsafe((bindings, id) => bindings.runQuery(id, sql)),
		async registerFile(name, bytes) {
			await db.registerFileBuffer(name, bytes);
		},
		async insertArrow(name, data) {
			await conn.insertArrowFromIPCStream(tableToIPC(data, 'stream'), { name, create: true });
		},
		async dropFile(name) {
			await db.dropFile(name);
		},
		async close() {
			await conn.close();
			await db.terminate();
		}
	};
}
