import { DataType, tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../engine/engine';
import { createNodeEngine } from '../engine/node-engine';
import { quoteIdent } from '../engine/quote';
import { blobOf, restoreTables, snapshotTables, type TableSnapshot } from './snapshot';

const ODD = 'we"ird table';
let db: LocalEngine;
beforeAll(async () => {
	db = await createNodeEngine();
});
afterAll(() => db.close());

beforeEach(async () => {
	const tables = await rows(`SELECT table_name FROM duckdb_tables()`);
	for (const { table_name } of tables)
		await db.query({ sql: `DROP TABLE ${quoteIdent(String(table_name))}` });
	await db.query({
		sql: `
		CREATE TABLE ${quoteIdent(ODD)} (
			"sex ""code""" ENUM('a', 'b') NOT NULL, d DATE, score DOUBLE, minutes USMALLINT,
			n INTEGER, note VARCHAR, big BIGINT, CHECK (n > 0));
		INSERT INTO ${quoteIdent(ODD)} VALUES
			('a', '2024-01-02', 1.5, 65535, 1, NULL, 9007199254740993),
			('b', NULL, NULL, 0, 2, 'it''s <script>', -9007199254740993),
			('a', '1999-12-31', -0.25, NULL, 3, '', NULL);
		CREATE TABLE empty (id INTEGER PRIMARY KEY, "select" ENUM('x'));`
	});
});

const rows = async (sql: string, params?: string[]) =>
	(await db.query({ sql, params })).toArray().map((r) => r.toJSON());
const types = (table: string) =>
	rows(
		`SELECT column_name, data_type, is_nullable FROM information_schema.columns
		 WHERE table_name = ? ORDER BY ordinal_position`,
		[table]
	);
// Text keeps BIGINT digits and dates exact, so contents compare without JS number rounding.
const contents = (table: string) =>
	rows(`SELECT columns(*)::VARCHAR FROM ${quoteIdent(table)} ORDER BY ALL`);
const bytesOf = async (s: TableSnapshot) => new Uint8Array(await s.ipc.arrayBuffer());

describe('table snapshots', () => {
	it('restores types, constraints and rows exactly, replacing the current tables', async () => {
		const before = {
			odd: await types(ODD),
			oddRows: await contents(ODD),
			empty: await types('empty')
		};
		expect(before.odd[0]).toEqual({
			column_name: 'sex "code"',
			data_type: "ENUM('a', 'b')",
			is_nullable: 'NO'
		});
		const snapshots = await snapshotTables(db, [ODD, 'empty']);

		await db.query({
			sql: `DELETE FROM ${quoteIdent(ODD)}; ALTER TABLE empty ADD COLUMN extra INTEGER`
		});
		await restoreTables(db, snapshots);

		expect(await types(ODD)).toEqual(before.odd);
		expect(await contents(ODD)).toEqual(before.oddRows);
		expect(await contents(ODD)).toContainEqual(
			expect.objectContaining({ big: '9007199254740993' })
		);
		expect(await types('empty')).toEqual(before.empty);
		expect(await rows('SELECT count(*) AS n FROM empty')).toEqual([{ n: 0 }]);
		// Constraints come back with the DDL.
		await expect(
			db.query({ sql: `INSERT INTO ${quoteIdent(ODD)} (n, "sex ""code""") VALUES (0, 'a')` })
		).rejects.toThrow(/CHECK/i);
		await expect(db.query({ sql: `INSERT INTO empty VALUES (1, 'x'), (1, 'x')` })).rejects.toThrow(
			/duplicate|PRIMARY/i
		);
		// No staging tables are left behind.
		expect(
			(await rows(`SELECT table_name FROM duckdb_tables() ORDER BY 1`)).map((r) => r.table_name)
		).toEqual(['empty', ODD]);
	});

	it('creates tables that do not exist yet', async () => {
		const snapshots = await snapshotTables(db, [ODD]);
		const oddRows = await contents(ODD);
		await db.query({ sql: `DROP TABLE ${quoteIdent(ODD)}` });
		await restoreTables(db, snapshots);
		expect(await contents(ODD)).toEqual(oddRows);
	});

	it('hands the stored bytes themselves to the engine: nothing parsed or copied on the page', async () => {
		const snapshots = await snapshotTables(db, [ODD, 'empty']);
		expect(snapshots.map((s) => s.rows)).toEqual([3, 0]);
		const oddRows = await contents(ODD);
		const handed: Uint8Array[] = [];
		const watched: LocalEngine = {
			...db,
			query: (spec, options) => db.query(spec, options),
			importIpc: (name, stream) => (handed.push(stream), db.importIpc(name, stream)),
			insertArrow: () => Promise.reject(new Error('rows parsed on the page'))
		};
		await db.query({ sql: `DELETE FROM ${quoteIdent(ODD)}` });
		await restoreTables(watched, snapshots);
		expect(await contents(ODD)).toEqual(oddRows);
		// The table without rows is made by its DDL alone: duckdb-wasm refuses an empty stream.
		expect(handed).toHaveLength(1);
		// A view of the bytes read from the Blob, not a copy of them.
		expect(handed[0]!.buffer.byteLength).toBe(snapshots[0]!.ipc.size);
		expect(handed[0]!.byteLength).toBeGreaterThan(0);
	});

	it('restores snapshots saved before row counts were recorded', async () => {
		const snapshots = (await snapshotTables(db, [ODD, 'empty'])).map(({ rows, ...old }) => {
			expect(rows).toBeTypeOf('number');
			return old;
		});
		const oddRows = await contents(ODD);
		await db.query({ sql: `DELETE FROM ${quoteIdent(ODD)}; INSERT INTO empty VALUES (7, 'x')` });
		await restoreTables(db, snapshots);
		expect(await contents(ODD)).toEqual(oddRows);
		expect(await rows('SELECT count(*) AS n FROM empty')).toEqual([{ n: 0 }]);
	});

	it('saves ENUM columns as their codes, and still restores snapshots that saved their text', async () => {
		const [saved] = await snapshotTables(db, [ODD]);
		const sex = tableFromIPC(await bytesOf(saved!)).getChild('sex "code"')!;
		expect(DataType.isInt(sex.type)).toBe(true);
		expect(sex.toArray()).toEqual(new Uint8Array([0, 1, 0]));
		const oddRows = await contents(ODD);
		// As snapshots were written before codes: the ENUM as text, without the flag.
		const { enumCodes, ...older } = saved!;
		expect(enumCodes).toBe(true);
		const text = await db.exportIpc(
			`SELECT * REPLACE (big::VARCHAR AS big) FROM ${quoteIdent(ODD)}`
		);
		expect(DataType.isInt(tableFromIPC(text).getChild('sex "code"')!.type)).toBe(false);
		await db.query({ sql: `DELETE FROM ${quoteIdent(ODD)}` });
		await restoreTables(db, [{ ...older, ipc: blobOf(text) }]);
		expect(await contents(ODD)).toEqual(oddRows);
	});

	it('refuses a saved code beyond its ENUM instead of restoring it as a NULL', async () => {
		await db.query({
			sql: `CREATE TABLE loose (e ENUM('a', 'b')); INSERT INTO loose VALUES ('b')`
		});
		const [saved] = await snapshotTables(db, ['loose']);
		const narrowed = { ...saved!, ddl: saved!.ddl.replace("ENUM('a', 'b')", "ENUM('a')") };
		await db.query({ sql: `DELETE FROM loose` });
		await expect(restoreTables(db, [narrowed])).rejects.toThrow(
			"A saved value of loose is not one of its column's values"
		);
		expect(await rows('SELECT count(*) AS n FROM loose')).toEqual([{ n: 0 }]);
	});

	it('saves a table of more rows than a part holds in parts, in order, and restores it whole', async () => {
		const parts = await snapshotTables(db, [ODD, 'empty'], { partRows: 2 });
		expect(parts.map((p) => [p.name, p.rows, p.parts, p.more])).toEqual([
			[ODD, 2, 2, false],
			[ODD, 1, undefined, true],
			['empty', 0, undefined, undefined]
		]);
		const oddRows = await contents(ODD);
		await db.query({ sql: `DELETE FROM ${quoteIdent(ODD)}` });
		await restoreTables(db, parts);
		expect(await contents(ODD)).toEqual(oddRows);
		// The table's own order comes back with it.
		const order = await rows(`SELECT n FROM ${quoteIdent(ODD)} ORDER BY rowid`);
		expect(order).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
	});

	it("makes every part's Blob with the maker it is given (in the browser, the storage worker)", async () => {
		const made: number[] = [];
		const blob = async (bytes: Uint8Array) => (made.push(bytes.byteLength), blobOf(bytes));
		const parts = await snapshotTables(db, [ODD, 'empty'], { partRows: 2, blob });
		expect(made).toEqual(parts.map((p) => p.ipc.size));
		expect(made).toHaveLength(3);
	});

	const partCorruptions: [string, (s: TableSnapshot[]) => TableSnapshot[]][] = [
		['its last part missing', (s) => [s[0]!, s[2]!]],
		['its first part missing', (s) => [s[1]!, s[2]!]],
		['a part of another table', (s) => [s[2]!, s[1]!]]
	];
	for (const [label, corrupt] of partCorruptions) {
		it(`leaves every current table intact when a table saved in parts has ${label}`, async () => {
			const parts = await snapshotTables(db, [ODD, 'empty'], { partRows: 2 });
			const oddRows = await contents(ODD);
			await expect(restoreTables(db, corrupt(parts))).rejects.toThrow(/part/);
			expect(await contents(ODD)).toEqual(oddRows);
			expect((await rows(`SELECT table_name FROM duckdb_tables() ORDER BY 1`)).length).toBe(2);
		});
	}

	it('refuses to snapshot a table that does not exist', async () => {
		await expect(snapshotTables(db, ['nope'])).rejects.toThrow(/nope/);
	});

	/** A corruption of a snapshot, given its bytes. */
	type Corruption = (s: TableSnapshot, ipc: Uint8Array) => TableSnapshot;
	const corruptions: [string, Corruption][] = [
		['truncated rows', (s, ipc) => ({ ...s, ipc: blobOf(ipc.slice(0, ipc.length - 8)) })],
		['rows cut mid-message', (s, ipc) => ({ ...s, ipc: blobOf(ipc.slice(0, ipc.length / 2)) })],
		['no rows at all', (s) => ({ ...s, ipc: new Blob([]) })],
		['fewer rows than were saved', (s) => ({ ...s, rows: s.rows! + 1 })],
		[
			'its end-of-stream marker cut out',
			(s, ipc) => {
				const footer = new DataView(ipc.buffer, ipc.byteOffset).getInt32(ipc.length - 10, true);
				const streamEnd = ipc.length - 10 - footer;
				const cut = [...ipc.subarray(0, streamEnd - 8), ...ipc.subarray(streamEnd)];
				return { ...s, ipc: blobOf(new Uint8Array(cut)) };
			}
		],
		[
			'a value outside the ENUM',
			(s) => ({ ...s, ddl: s.ddl.replace("ENUM('a', 'b')", "ENUM('a')") })
		],
		[
			'a definition for another table',
			(s) => ({ ...s, ddl: s.ddl.replace('CREATE TABLE', 'CREATE VIEW') })
		]
	];
	for (const [label, corrupt] of corruptions) {
		it(`leaves every current table intact when a snapshot has ${label}`, async () => {
			const [empty, odd] = await snapshotTables(db, ['empty', ODD]);
			const oddRows = await contents(ODD);
			await db.query({ sql: `INSERT INTO empty VALUES (7, 'x')` });

			// The good snapshot comes first, so it is already staged when the bad one fails.
			const bad = corrupt(odd!, await bytesOf(odd!));
			await expect(restoreTables(db, [empty!, bad])).rejects.toThrow();

			expect(await contents(ODD)).toEqual(oddRows);
			expect(await rows('SELECT id FROM empty')).toEqual([{ id: 7 }]);
			expect((await rows(`SELECT table_name FROM duckdb_tables() ORDER BY 1`)).length).toBe(2);
		});
	}

	it('rolls back the swap when one table cannot be replaced', async () => {
		const snapshots = await snapshotTables(db, ['empty', ODD]);
		await db.query({ sql: `INSERT INTO empty VALUES (7, 'x')` });
		// A view by that name makes DROP TABLE fail after the first table was already swapped.
		await db.query({
			sql: `DROP TABLE ${quoteIdent(ODD)}; CREATE VIEW ${quoteIdent(ODD)} AS SELECT 1 AS one`
		});
		await expect(restoreTables(db, snapshots)).rejects.toThrow();
		expect(await rows('SELECT id FROM empty')).toEqual([{ id: 7 }]);
		expect(await rows(`SELECT * FROM ${quoteIdent(ODD)}`)).toEqual([{ one: 1 }]);
		expect(await rows(`SELECT count(*) AS n FROM duckdb_tables()`)).toEqual([{ n: 1 }]);
		await db.query({ sql: `DROP VIEW ${quoteIdent(ODD)}` });
	});
});
