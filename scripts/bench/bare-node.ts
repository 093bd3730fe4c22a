// The bare path in Node: duckdb-wasm's blocking build called directly, no app code. Opened with
// the same config and session settings as the app's Node connector, so only the layer differs.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DUCKDB_OPEN_CONFIG, SESSION_SETUP_SQL } from '../../src/lib/engine/connector';
import type { BareDb } from './types';

type Blocking = typeof import('@duckdb/duckdb-wasm/blocking');

const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as Blocking;
const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));

export async function createBareNode(): Promise<BareDb> {
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

	return {
		async run(op) {
			switch (op.kind) {
				case 'registerFile':
					db.registerFileBuffer(op.name, op.data);
					return undefined;
				case 'dropFile':
					db.dropFile(op.name);
					return undefined;
				case 'query': {
					if (!op.params?.length) return conn.query(op.sql).numRows;
					const statement = conn.prepare(op.sql);
					try {
						return statement.query(...op.params).numRows;
					} finally {
						statement.close();
					}
				}
			}
		},
		async close() {
			conn.close();
			db.reset();
		}
	};
}
