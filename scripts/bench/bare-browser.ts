// The bare path in Chromium: duckdb-wasm's AsyncDuckDB called directly, no app code. Same
// self-hosted bundles (Vite ?url imports), open config and session settings as the app's
// browser connector, so only the layer differs. Built into the harness page only.
import { AsyncDuckDB, selectBundle, VoidLogger, type DuckDBBundles } from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { DUCKDB_OPEN_CONFIG, SESSION_SETUP_SQL } from '../../src/lib/engine/connector';
import type { BareDb } from './types';

const BUNDLES: DuckDBBundles = {
	mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
	eh: { mainModule: ehWasm, mainWorker: ehWorker }
};

export async function createBareBrowser(): Promise<BareDb> {
	const bundle = await selectBundle(BUNDLES);
	const worker = new Worker(bundle.mainWorker!);
	const db = new AsyncDuckDB(new VoidLogger(), worker);
	await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
	await db.open(DUCKDB_OPEN_CONFIG);
	const conn = await db.connect();
	for (const sql of SESSION_SETUP_SQL) await conn.query(sql);

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
