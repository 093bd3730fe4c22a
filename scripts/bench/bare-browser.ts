// The bare path in Chromium: duckdb-wasm's AsyncDuckDB called directly, no app code. Same
// self-hosted bundles (Vite ?url imports), open config and session settings as the app's
// browser engine, so only the layer differs. Built into the harness page only.
import { openWasmDuckDB } from '../../src/lib/engine/wasm-engine';
import type { BareDb } from './types';

export async function createBareBrowser(): Promise<BareDb> {
	const { db, conn } = await openWasmDuckDB();
	return {
		async run(op) {
			switch (op.kind) {
				case 'registerFile':
					await db.registerFileBuffer(op.name, op.data); // transfers (detaches) op.data
					return undefined;
				case 'dropFile':
					await db.dropFile(op.name);
					return undefined;
				case 'query': {
					if (!op.params?.length) return (await conn.query(op.sql)).numRows;
					const statement = await conn.prepare(op.sql);
					try {
						return (await statement.query(...op.params)).numRows;
					} finally {
						await statement.close();
					}
				}
			}
		},
		async close() {
			await conn.close();
			await db.terminate();
		}
	};
}
