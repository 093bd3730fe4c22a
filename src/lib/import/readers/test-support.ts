import { openAsBlob } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { LocalEngine } from '../../engine/engine';
import type { ReadOptions, SourceFile, StagedFile } from './types';

/** Text that must arrive byte for byte: markup, formulas, SQL, RTL, emoji, invisible characters. */
export const HOSTILE = [
	'<script>alert(1)</script>',
	'=1+2',
	"'; DROP TABLE x; --",
	'שלום עולם — مرحبا 👩‍⚕️',
	' zero\u200bwidth\u200f\u2060 '
] as const;

/** Every row of a staging table, in record order, as plain objects. */
export async function rowsOf(db: LocalEngine, table: string): Promise<Record<string, unknown>[]> {
	const result = await db.query({ sql: `SELECT * FROM "${table}" ORDER BY __source_row` });
	return result.toArray().map((row) => row.toJSON());
}

/** The column types DuckDB gave a staging table. */
export async function typesOf(db: LocalEngine, table: string): Promise<Record<string, string>> {
	const result = await db.query({ sql: `DESCRIBE "${table}"` });
	return Object.fromEntries(
		result.toArray().map((r) => [String(r.column_name), String(r.column_type)])
	);
}

type Reader = (
	db: LocalEngine,
	source: SourceFile,
	table: string,
	options?: ReadOptions
) => Promise<StagedFile>;

let tables = 0;

/** A browser-style Blob and Node's real-file Blob (fs.openAsBlob) must stage the same table. */
export async function sameFromDisk(
	db: LocalEngine,
	bytes: Uint8Array<ArrayBuffer>,
	name: string,
	read: Reader
) {
	const dir = await mkdtemp(join(tmpdir(), 'readers-'));
	try {
		const path = join(dir, name);
		await writeFile(path, bytes);
		const memory = `mem_${++tables}`;
		const disk = `disk_${tables}`;
		const a = await read(db, { name, blob: new Blob([bytes]) }, memory);
		const b = await read(db, { name, blob: await openAsBlob(path) }, disk);
		expect({ ...b, table: memory }).toEqual(a);
		expect(await rowsOf(db, disk)).toEqual(await rowsOf(db, memory));
		expect(a.rows).toBeGreaterThan(0);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
