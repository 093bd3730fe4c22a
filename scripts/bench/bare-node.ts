// The bare path in Node: duckdb-wasm's blocking build called directly, no app code. Opened with
// the same config and session settings as the app's Node engine, so only the layer differs.
import { openNodeDuckDB } from '../../src/lib/engine/node-engine';
import type { BareDb } from './types';

export async function createBareNode(): Promise<BareDb> {
	const { db, conn } = await openNodeDuckDB();
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
