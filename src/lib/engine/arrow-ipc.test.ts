import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endsWithEndOfStream, rowsInStream, streamOfFile } from './arrow-ipc';
import type { LocalEngine } from './engine';
import { createNodeEngine, openNodeDuckDB } from './node-engine';

let db: LocalEngine;
let file: Uint8Array;
let emptyFile: Uint8Array;
beforeAll(async () => {
	db = await createNodeEngine();
	// What snapshots store: an ENUM (an Arrow dictionary), a BIGINT saved as text, dates, NULLs,
	// and enough rows for several record batches.
	await db.query({
		sql: `
		CREATE TABLE t (e ENUM('a', 'b'), big BIGINT, d DATE, note VARCHAR);
		INSERT INTO t SELECT CASE WHEN range % 3 = 0 THEN 'a' WHEN range % 3 = 1 THEN 'b' END,
			9007199254740993 - range, DATE '2024-02-28' + range::INTEGER,
			CASE WHEN range % 5 > 0 THEN 'n' || range END
		FROM range(5000);
		CREATE TABLE empty (id INTEGER, e ENUM('x'));`
	});
	file = await db.exportIpc('SELECT e, big::VARCHAR AS big, d, note FROM t');
	emptyFile = await db.exportIpc('SELECT * FROM empty');
});
afterAll(() => db.close());

const json = (bytes: Uint8Array) =>
	tableFromIPC(bytes)
		.toArray()
		.map((r) => r.toJSON());
const count = async (table: string) =>
	(await db.query({ sql: `SELECT count(*) AS n FROM ${table}` })).getChild('n')?.get(0);

describe('the stream inside a DuckDB IPC file', () => {
	it('is a view of the same bytes, ending with the end-of-stream marker, with every row', async () => {
		const stream = streamOfFile(file)!;
		expect(stream.buffer).toBe(file.buffer);
		expect(stream.byteOffset - file.byteOffset).toBe(8);
		expect(endsWithEndOfStream(stream)).toBe(true);
		expect(String(tableFromIPC(stream).schema.fields[0]?.type)).toMatch(/^Dictionary/);
		expect(json(stream)).toEqual(json(file));
		expect(rowsInStream(stream)).toBe(5000);

		await db.importIpc('from_stream', stream);
		expect(await count('from_stream')).toBe(5000);
		// Same count, and no row that the table lacks: the same rows (ENUM and BIGINT as text).
		const differ = await db.query({
			sql: `SELECT count(*) AS n FROM (FROM from_stream EXCEPT ALL
				SELECT e::VARCHAR, big::VARCHAR, d, note FROM t)`
		});
		expect(differ.getChild('n')?.get(0)).toBe(0);
	});

	it('of a table without rows has no record batch, which importIpc refuses', async () => {
		const stream = streamOfFile(emptyFile)!;
		expect(rowsInStream(stream)).toBe(0);
		await expect(db.importIpc('from_empty', stream)).rejects.toThrow(/at least one column/);
	});

	it('is refused wherever the file was cut or damaged', () => {
		const cuts = [
			0,
			7,
			8,
			100,
			file.length / 2,
			file.length - 10,
			file.length - 6,
			file.length - 1
		];
		for (const at of cuts) expect(streamOfFile(file.subarray(0, at)), `cut at ${at}`).toBeNull();
		// The end-of-stream marker taken out: the footer still closes the file.
		const stream = streamOfFile(file)!;
		const streamEnd = stream.byteOffset - file.byteOffset + stream.length;
		const withoutMarker = new Uint8Array([
			...file.subarray(0, streamEnd - 8),
			...file.subarray(streamEnd)
		]);
		expect(streamOfFile(withoutMarker)).toBeNull();
	});

	it('is counted only when its messages lead exactly to the end-of-stream marker', () => {
		const stream = streamOfFile(file)!;
		for (const at of [0, 4, 300, stream.length - 9, stream.length - 8])
			expect(() => rowsInStream(stream.subarray(0, at)), `cut at ${at}`).toThrow(/incomplete/);
		const trailing = new Uint8Array([...stream, 1, 2, 3, 4, 5, 6, 7, 8]);
		expect(() => rowsInStream(trailing)).toThrow(/incomplete/);
	});
});

describe('importIpc and an unfinished stream', () => {
	it('is refused, and the connection keeps working', async () => {
		const stream = streamOfFile(file)!;
		const cut = stream.slice(0, stream.length - 8);
		await expect(db.importIpc('cut', cut)).rejects.toThrow(/incomplete/);
		await db.importIpc('after_cut', stream.slice());
		expect(await count('after_cut')).toBe(5000);
	});

	it('would otherwise be taken silently by duckdb-wasm, breaking the next insert', async () => {
		// Why the guard exists; if an upgrade changes this, the guard may go.
		const raw = await openNodeDuckDB();
		try {
			const stream = streamOfFile(file)!;
			const insert = (bytes: Uint8Array, name: string) =>
				raw.conn.insertArrowFromIPCStream(bytes, { name, create: true });
			insert(stream.slice(0, stream.length - 8), 'cut');
			const tables = raw.conn.query(`SELECT count(*) AS n FROM duckdb_tables()`);
			expect(tables.getChild('n')?.get(0)).toBe(0);
			expect(() => insert(stream.slice(), 'next')).toThrow();
		} finally {
			raw.conn.close();
			raw.db.reset();
		}
	});
});
