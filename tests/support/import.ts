import { readFileSync } from 'node:fs';
import type { LocalEngine } from '../../src/lib/engine/engine';
import { importFiles } from '../../src/lib/import/import-files';
import type { Mapping } from '../../src/lib/import/mapping';
import { freshDb, rows, TEST_NOW } from './db';

/** A file of tests/fixtures/import/ as the importer receives it. */
export const fixture = (name: string) => ({
	name,
	blob: new Blob([readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url))])
});

/** A fresh DuckDB with one fixture imported (the mapping suggested, unless one is given). */
export async function imported(name: string, mapping?: Mapping) {
	const db = await freshDb();
	const outcome = await importFiles(db, [fixture(name)], { now: TEST_NOW, mapping });
	return { db, ...outcome };
}

/** The problems of the last import, in a stable order. */
export const problems = (db: LocalEngine) =>
	rows(
		db,
		`SELECT "row", "column", value, severity, reason FROM import_problems ORDER BY "row", severity, "column"`
	);
