import { readFileSync } from 'node:fs';
import type { LocalEngine } from '../../src/lib/engine/engine';
import { createNodeEngine } from '../../src/lib/engine/node-engine';
import { importFiles } from '../../src/lib/import/import-files';
import { installTQuantiles } from '../../src/lib/stats/t-quantiles';

/** A real DuckDB (the same wasm engine as the browser) with the statistics helpers installed. */
export async function freshDb(): Promise<LocalEngine> {
	const db = await createNodeEngine();
	await installTQuantiles(db);
	return db;
}

/** Tests import as of this date, so 'future' is stable. */
export const TEST_NOW = new Date('2026-11-25T00:00:00Z');

export async function dbWithCsv(csv: string, file = 'test.csv') {
	const db = await freshDb();
	const source = { name: file, blob: new Blob([new TextEncoder().encode(csv)]) };
	const { report } = await importFiles(db, [source], { now: TEST_NOW });
	return { db, report };
}

export const SAMPLE_CSV_PATH = new URL('../../sample-data/sessions.csv', import.meta.url);
export const readSampleCsv = () => readFileSync(SAMPLE_CSV_PATH, 'utf8');

/** Arrow table → plain objects, for assertions only. */
export async function rows<T = Record<string, unknown>>(
	db: LocalEngine,
	sql: string,
	params?: (string | number | null)[]
): Promise<T[]> {
	return (await db.query({ sql, params })).toArray().map((r) => r.toJSON() as T);
}
