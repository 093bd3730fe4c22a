import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNodeEngine } from '../engine/node-engine';
import { restoreTables, snapshotTables, type TableSnapshot } from './snapshot';
import { openDatasetStore, type DatasetRecord } from './store';

let factory: IDBFactory;
beforeEach(() => {
	factory = new IDBFactory(); // a fresh, empty IndexedDB for every test
});
afterEach(() => vi.unstubAllGlobals());

const NAME = `Clinic "Nord" — Ünïcødé 🙂 <script>alert('x')</script>`;
const dataset = (id: string, createdAt: string, name = `set ${id}`) => ({
	id,
	name,
	createdAt,
	files: ['sessions.csv'],
	summary: { sessions: 3, patients: 2 },
	builtIn: false
});
const table = (name: string, size: number): TableSnapshot => ({
	name,
	ddl: `CREATE TABLE ${name}(a INTEGER);`,
	ipc: new Blob([new Uint8Array(size).fill(7)])
});

/** Tables with their bytes as numbers: Blobs themselves compare equal whatever they hold. */
const plainTables = (tables: TableSnapshot[] = []) =>
	Promise.all(
		tables.map(async ({ ipc, ...t }) => ({
			...t,
			ipc: [...new Uint8Array(await ipc.arrayBuffer())]
		}))
	);

/** Runs one request on the payloads as stored, bypassing the store's own API. */
async function onPayloads<T>(
	mode: IDBTransactionMode,
	ask: (payloads: IDBObjectStore) => IDBRequest<T>
): Promise<T> {
	const db = await new Promise<IDBDatabase>((resolve, reject) => {
		const req = factory.open('massage-outcomes');
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
	const result = await new Promise<T>((resolve, reject) => {
		const req = ask(db.transaction('payloads', mode).objectStore('payloads'));
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
	db.close();
	return result;
}
const countPayloads = () => onPayloads('readonly', (p) => p.count());

describe('dataset store', () => {
	it('lists records newest first, without table bytes, with names kept verbatim', async () => {
		const store = openDatasetStore(factory);
		await store.save(dataset('old', '2024-01-01T10:00:00.000Z'), [table('t', 5)]);
		const saved = await store.save(
			dataset('new', '2025-03-01T10:00:00.000Z', NAME),
			[table('t', 10), table('u', 4)],
			{ v: 1 }
		);
		await store.save(dataset('mid', '2024-06-01T10:00:00.000Z'), []);

		expect(saved.bytes).toBe(14);
		const list = await store.list();
		expect(list.map((r) => r.id)).toEqual(['new', 'mid', 'old']);
		expect(list[0]).toEqual<DatasetRecord>({
			...dataset('new', '2025-03-01T10:00:00.000Z', NAME),
			bytes: 14
		});
	});

	it('lists records imported at the same moment by name, then id', async () => {
		const store = openDatasetStore(factory);
		const at = '2024-01-01T10:00:00.000Z';
		for (const [id, name] of [
			['z', 'Beta'],
			['b', 'Alpha'],
			['a', 'Beta'],
			['c', 'Gamma']
		])
			await store.save(dataset(id!, at, name), []);
		await store.save(dataset('later', '2024-01-02T10:00:00.000Z', 'Zeta'), []);
		expect((await store.list()).map((r) => r.id)).toEqual(['later', 'b', 'a', 'z', 'c']);
	});

	it('loads tables and extra back, and null for an unknown id', async () => {
		const store = openDatasetStore(factory);
		const extra = { measures: [{ id: 'pain', min: 0, max: 10 }], mapping: { Datum: 'date' } };
		await store.save(dataset('a', '2024-01-01T00:00:00Z'), [table('t', 3)], extra);
		const loaded = await store.load('a');
		expect(await plainTables(loaded?.tables)).toEqual(await plainTables([table('t', 3)]));
		expect(loaded?.tables[0]?.ipc).toBeInstanceOf(Blob);
		expect(loaded?.extra).toEqual(extra);
		expect(await store.load('nope')).toBeNull();
	});

	it('keeps table bytes as Blobs, which Chromium stores apart from the ~127 MB value limit', async () => {
		const store = openDatasetStore(factory);
		await store.save(dataset('a', 'x'), [table('t', 5)]);
		const stored = (await onPayloads('readonly', (p) => p.get('a'))) as {
			tables: { ipc: unknown }[];
		};
		expect(stored.tables[0]?.ipc).toBeInstanceOf(Blob);
		expect(await plainTables((await store.load('a'))?.tables)).toEqual([
			{ name: 't', ddl: 'CREATE TABLE t(a INTEGER);', ipc: [7, 7, 7, 7, 7] }
		]);
	});

	it('loads datasets saved with their bytes inline, as before', async () => {
		const store = openDatasetStore(factory);
		await store.save(dataset('a', 'x'), [table('t', 5)], { v: 1 });
		const inline = { tables: [{ ...table('u', 3), ipc: new Uint8Array(3).fill(7) }], extra: 0 };
		await onPayloads('readwrite', (p) => p.put(inline, 'a'));
		const loaded = await store.load('a');
		expect(loaded?.extra).toBe(0);
		expect(await plainTables(loaded?.tables)).toEqual(await plainTables([table('u', 3)]));
	});

	it('renames, and refuses to rename what does not exist', async () => {
		const store = openDatasetStore(factory);
		await store.save(dataset('a', '2024-01-01T00:00:00Z'), [table('t', 3)]);
		await store.rename('a', NAME);
		expect((await store.list())[0]?.name).toBe(NAME);
		expect((await store.load('a'))?.record.name).toBe(NAME);
		await expect(store.rename('nope', 'x')).rejects.toThrow(/nope/);
	});

	it('removes a dataset together with its table bytes and its active mark', async () => {
		const store = openDatasetStore(factory);
		await store.save(dataset('a', '2024-01-01T00:00:00Z'), [table('t', 3)]);
		await store.save(dataset('b', '2024-01-02T00:00:00Z'), [table('t', 3)]);
		await store.setActive('a');
		await store.remove('a');
		expect((await store.list()).map((r) => r.id)).toEqual(['b']);
		expect(await store.load('a')).toBeNull();
		expect(await countPayloads()).toBe(1);
		expect(await store.getActive()).toBeNull();
	});

	it('keeps the active dataset id across reopening', async () => {
		await openDatasetStore(factory).setActive('b');
		const reopened = openDatasetStore(factory);
		expect(await reopened.getActive()).toBe('b');
		await reopened.setActive(null);
		expect(await openDatasetStore(factory).getActive()).toBeNull();
	});

	it('writes nothing when a save fails, keeping an earlier version intact', async () => {
		const store = openDatasetStore(factory);
		await store.save(dataset('a', '2024-01-01T00:00:00Z'), [table('t', 3)], { v: 1 });
		// A function cannot be stored: the payload write fails after the record was written.
		const bad = { v: 2, oops: () => 1 };
		await expect(
			store.save(dataset('a', '2025-01-01T00:00:00Z', 'v2'), [table('t', 9)], bad)
		).rejects.toThrow();
		await expect(
			store.save(dataset('b', '2025-01-01T00:00:00Z'), [table('t', 9)], bad)
		).rejects.toThrow();

		expect(await store.list()).toEqual([{ ...dataset('a', '2024-01-01T00:00:00Z'), bytes: 3 }]);
		expect((await store.load('a'))?.extra).toEqual({ v: 1 });
		expect(await countPayloads()).toBe(1);
	});

	it('reports usage from the browser estimate, else from the stored bytes', async () => {
		const store = openDatasetStore(factory);
		await store.save(dataset('a', '2024-01-01T00:00:00Z'), [table('t', 3), table('u', 4)]);
		await store.save(dataset('b', '2024-01-02T00:00:00Z'), [table('t', 5)]);
		expect(await store.usage()).toEqual({ usedBytes: 12, quotaBytes: null });

		vi.stubGlobal('navigator', {
			storage: { estimate: async () => ({ usage: 500, quota: 9000 }) }
		});
		expect(await store.usage()).toEqual({ usedBytes: 500, quotaBytes: 9000 });
	});

	it('round-trips DuckDB tables through the store into a fresh engine', async () => {
		const source = await createNodeEngine();
		const target = await createNodeEngine();
		try {
			await source.query({
				sql: `
				CREATE TABLE "sessions ""2024""" (clinic ENUM('Nord', 'Süd'), date DATE, pain DOUBLE,
					minutes USMALLINT, session_no INTEGER, notes VARCHAR);
				INSERT INTO "sessions ""2024""" VALUES ('Nord', '2024-02-29', 6.5, 45, 1, NULL),
					('Süd', NULL, NULL, 60, 2, 'ok');
				CREATE TABLE measures (id VARCHAR, label VARCHAR);`
			});
			const names = ['sessions "2024"', 'measures'];
			await openDatasetStore(factory).save(
				dataset('d', '2024-01-01T00:00:00Z'),
				await snapshotTables(source, names),
				{ mapping: {} }
			);

			const loaded = await openDatasetStore(factory).load('d');
			await restoreTables(target, loaded?.tables ?? []);

			const describe = `SELECT table_name, column_name, data_type FROM information_schema.columns
				ORDER BY table_name, ordinal_position`;
			const json = async (db: typeof source, sql: string) =>
				(await db.query({ sql })).toArray().map((r) => r.toJSON());
			expect(await json(target, describe)).toEqual(await json(source, describe));
			const rows = `SELECT columns(*)::VARCHAR FROM "sessions ""2024""" ORDER BY ALL`;
			expect(await json(target, rows)).toEqual(await json(source, rows));
			expect(await json(target, 'SELECT count(*) AS n FROM measures')).toEqual([{ n: 0 }]);
		} finally {
			await source.close();
			await target.close();
		}
	});
});
