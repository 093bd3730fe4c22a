import type { QuerySpec } from '../../src/lib/engine/connector';
import { createWasmConnector } from '../../src/lib/engine/wasm-connector';
import { loadSessionsCsv } from '../../src/lib/import/load-sessions-csv';
import { BUILT_IN_MEASURES } from '../../src/lib/measures/registry';
import { installTQuantiles } from '../../src/lib/stats/t-quantiles';
import { toPlainJson } from '../reference/plain-json';

/** Runs the same queries the Node parity test runs, through the app's browser Connector. */
async function runQueries(csv: string, queries: QuerySpec[]): Promise<string[]> {
	const db = await createWasmConnector();
	await installTQuantiles(db);
	await loadSessionsCsv(db, 'parity.csv', new TextEncoder().encode(csv), BUILT_IN_MEASURES);
	const out: string[] = [];
	for (const q of queries) out.push(toPlainJson(await db.query(q.sql, q.params)));
	await db.close();
	return out;
}

const harness = { runQueries, ready: true };
Object.assign(window, { harness });
export type Harness = typeof harness;
