import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DUCKDB_OPEN_CONFIG, SESSION_SETUP_SQL, type Connector, type SqlValue } from './connector';

type Blocking = typeof import('@duckdb/duckdb-wasm/blocking');

const require = createRequire(import.meta.url);

/**
 * duckdb-wasm's blocking build for Node, opened as the app needs it (also the benchmark's bare
 * baseline): the very same wasm engine as the browser, so SQL behaves identically on both sides.
 */
export async function openNodeDuckDB() {
	const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as Blocking;
	const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
	const db = await duckdb.createDuckDB(
		{
			mvp: {
				mainModule: join(dist, 'duckdb-mvp.wasm'),
				mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs')
			},
			eh: {
				mainModule: join(dist, 'duckdb-eh.wasm'),
				mainWorker: join(dist, 'duckdb-node-eh.worker.cjs')
			}
		},
		new duckdb.VoidLogger(),
		duckdb.NODE_RUNTIME
	);
	await db.instantiate(() => {});
	db.open(DUCKDB_OPEN_CONFIG);
	const conn = db.connect();
	for (const sql of SESSION_SETUP_SQL) conn.query(sql);
	return { db, conn };
}

/**
 * DuckDB for Node (tests, command line, benchmarks). Arrow crosses as IPC bytes in both
 * directions: the blocking build is CommonJS and holds its own apache-arrow instance, whose Table
 * objects ours cannot read (and vice versa, silently empty).
 */
export async function createNodeConnector(): Promise<Connector> {
	const { db, conn } = await openNodeDuckDB();
	const unsafe = <R>(
		f: (b: Parameters<Parameters<typeof conn.useUnsafe>[0]>[0], id: number) => R
	) => conn.useUnsafe(f);
	return {
		async query(sql: string, params?: readonly SqlValue[]) {
			if (!params?.length) return tableFromIPC(unsafe((b, id) => b.runQuery(id, sql)));
			const statement = unsafe((b, id) => b.createPrepared(id, sql));
			try {
				return tableFromIPC(unsafe((b, id) => b.runPrepared(id, statement, [...params])));
			} finally {
				unsafe((b, id) => b.closePrepared(id, statement));
			}
		},
		async queryIpc(sql) {
			return unsafe((b, id) => b.runQuery(id, sql));
		},
		async registerFile(name, bytes) {
			db.registerFileBuffer(name, bytes);
		},
		async insertArrow(name, data) {
			conn.insertArrowFromIPCStream(tableToIPC(data, 'stream'), { name, create: true });
		},
		async dropFile(name) {
			db.dropFile(name);
		},
		async close() {
			conn.close();
			db.reset();
		}
	};
}
