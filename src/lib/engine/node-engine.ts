import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { endsWithEndOfStream, INCOMPLETE_STREAM } from './arrow-ipc';
import {
	abortError,
	DUCKDB_OPEN_CONFIG,
	SESSION_SETUP_SQL,
	type LocalEngine,
	type QueryOptions,
	type QuerySpec
} from './engine';

type Blocking = typeof import('@duckdb/duckdb-wasm/blocking');
type BlockingDb = Awaited<ReturnType<Blocking['createDuckDB']>>;
type BlockingConnection = ReturnType<BlockingDb['connect']>;

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
	return { db, conn: connectNode(db) };
}

function connectNode(db: BlockingDb): BlockingConnection {
	const conn = db.connect();
	for (const sql of SESSION_SETUP_SQL) conn.query(sql);
	return conn;
}

/**
 * DuckDB for Node (tests, command line, benchmarks). Arrow crosses as IPC bytes in both
 * directions: the blocking build is CommonJS and holds its own apache-arrow instance, whose Table
 * objects ours cannot read (and vice versa, silently empty).
 */
export async function createNodeEngine(): Promise<LocalEngine> {
	const { db, conn } = await openNodeDuckDB();
	return nodeEngine(db, conn, () => db.reset());
}

function nodeEngine(
	db: BlockingDb,
	conn: BlockingConnection,
	closeDatabase: (() => void) | null
): LocalEngine {
	const unsafe = <R>(
		f: (b: Parameters<Parameters<typeof conn.useUnsafe>[0]>[0], id: number) => R
	) => conn.useUnsafe(f);
	const prepared = ({ sql, params }: QuerySpec) => {
		const statement = unsafe((b, id) => b.createPrepared(id, sql));
		try {
			return tableFromIPC(unsafe((b, id) => b.runPrepared(id, statement, [...(params ?? [])])));
		} finally {
			unsafe((b, id) => b.closePrepared(id, statement));
		}
	};
	const run = (spec: QuerySpec) =>
		spec.params?.length
			? prepared(spec)
			: tableFromIPC(unsafe((b, id) => b.runQuery(id, spec.sql)));
	return {
		async query(spec: QuerySpec, options?: QueryOptions) {
			if (options?.signal?.aborted) throw abortError(options.signal);
			return run(spec);
		},
		async queryStatement(spec, options) {
			// The blocking build runs a statement to its end: an abort is seen before it starts.
			if (options?.signal?.aborted) throw abortError(options.signal);
			return prepared(spec);
		},
		async exportIpc(sql) {
			return unsafe((b, id) => b.runQuery(id, sql));
		},
		async importIpc(name, stream) {
			if (!endsWithEndOfStream(stream)) throw new Error(INCOMPLETE_STREAM);
			conn.insertArrowFromIPCStream(stream, { name, create: true });
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
		async connect() {
			return nodeEngine(db, connectNode(db), null);
		},
		async close() {
			conn.close();
			closeDatabase?.();
		}
	};
}
