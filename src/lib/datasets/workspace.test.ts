import { DATASET_TABLES } from '../import/pipeline';
import { quoteString } from '../engine/quote';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../../../tests/support/db';
import { Coordinator } from '../engine/coordinator';
import { createNodeEngine } from '../engine/node-engine';
import { DERIVED_VERSION } from '../model/derived-tables';
import { decodeDatasetFile } from './dataset-file';
import { snapshotTables } from './snapshot';
import { sampleDatasetFile } from './sample';
import { openDatasetStore } from './store';
import { Workspace } from './workspace';

const file = (name: string, path: string) => ({
	name,
	blob: new Blob([readFileSync(new URL(path, import.meta.url))])
});
const sample = () => file('sessions.csv', '../../../sample-data/sessions.csv');
/** The bundled sample as the build ships it (a ready dataset file), made once for these tests. */
let sampleBytes: Uint8Array;
beforeAll(async () => {
	const db = await createNodeEngine();
	sampleBytes = await sampleDatasetFile(db, sample(), TEST_NOW);
	await db.close();
}, 120_000);
const openSample = (ws: Workspace) =>
	ws.openFile(decodeDatasetFile(sampleBytes), { name: 'Sample', builtIn: true });
const messy = () =>
	file('messy-semicolon.csv', '../../../tests/fixtures/import/messy-semicolon.csv');

let coordinators: Coordinator[] = [];
afterEach(async () => {
	for (const c of coordinators) await c.close();
	coordinators = [];
});

/** The app's dataset layer on a real DuckDB and a real (in-memory) IndexedDB. */
async function workspace() {
	const coordinator = new Coordinator(createNodeEngine);
	coordinators.push(coordinator);
	const ws = new Workspace(coordinator, openDatasetStore(new IDBFactory()), () => TEST_NOW);
	await ws.start();
	const one = async (sql: string) =>
		(await coordinator.query({ sql }, { cache: false })).get(0)?.toJSON() as Record<
			string,
			unknown
		>;
	return { ws, coordinator, one };
}

/** Tables other than the dataset's own and the statistics helpers: leftovers of some import. */
const LEFTOVERS = `SELECT count(*)::INTEGER AS n FROM duckdb_tables()
	WHERE table_name NOT IN (${[...DATASET_TABLES, 't975_table'].map(quoteString).join(', ')})`;

describe('the workspace, when changes overlap', () => {
	it('an import started while the sample is opening ends with both saved and the import shown', async () => {
		const { ws, one } = await workspace();
		const sampleLoad = openSample(ws);
		// The user drops a file before the sample has finished: staging, mapping and building
		// all queue behind the sample's writes and use their own tables.
		const userImport = (async () => {
			const staged = await ws.stage([messy()]);
			const { mapping } = await ws.suggest(staged);
			return ws.build(staged, mapping, { name: 'messy' });
		})();
		const [sampleLoaded, user] = await Promise.all([sampleLoad, userImport]);

		expect(sampleLoaded.record.summary).toMatchObject({ rows: 4435, sessions: 4432 });
		expect(user.report).toMatchObject({ rows: 12, accepted: 8, sessions: 8, patients: 4 });
		// The engine holds the user's dataset, which is also the active one and saved.
		expect(await one('SELECT count(*)::INTEGER AS n FROM sessions')).toEqual({ n: 8 });
		expect(await ws.store.getActive()).toBe(user.loaded.record.id);
		const saved = (await ws.list()).map((d) => [d.name, d.summary.sessions]);
		expect(saved.sort()).toEqual([
			['Sample', 4432],
			['messy', 8]
		]);
		// Nothing of either import is left behind but the staged file the user still maps.
		expect(await one(LEFTOVERS)).toEqual({ n: 1 });
	});

	it('deleting the last dataset while another import is staged keeps that import intact', async () => {
		const { ws, one } = await workspace();
		const only = await openSample(ws);
		const staged = await ws.stage([messy()]);
		const { mapping } = await ws.suggest(staged);

		// What the app does when the last dataset is deleted: forget it, load the sample again.
		await ws.forget(only.record.id);
		const again = await openSample(ws);
		expect(again.record.id).not.toBe(only.record.id);

		const user = await ws.build(staged, mapping, { name: 'messy' });
		expect(user.report).toMatchObject({ rows: 12, accepted: 8, rejected: 4, sessions: 8 });
		expect(await one('SELECT count(*)::INTEGER AS n FROM sessions')).toEqual({ n: 8 });
		expect((await ws.list()).map((d) => d.name).sort()).toEqual(['Sample', 'messy']);
		await ws.dropStaged(staged);
		expect(await one(LEFTOVERS)).toEqual({ n: 0 });
	});

	it('a build that replaces the dataset being edited keeps one record, with the new content', async () => {
		const { ws, one } = await workspace();
		const staged = await ws.stage([messy()]);
		const { mapping } = await ws.suggest(staged);
		const first = await ws.build(staged, mapping, { name: 'messy' });
		const edited = { ...mapping, fields: { ...mapping.fields, technique: 'Therapist' } };
		const second = await ws.build(staged, edited, {
			name: 'messy, by therapist',
			replaces: first.loaded.record.id
		});
		expect(second.loaded.record.id).toBe(first.loaded.record.id);
		expect((await ws.list()).map((d) => d.name)).toEqual(['messy, by therapist']);
		expect(
			await one("SELECT string_agg(DISTINCT technique::VARCHAR, ',' ORDER BY 1) AS t FROM sessions")
		).toEqual({
			t: 'Anna,Ben,Cleo,Dan'
		});
	});

	it('restores a saved dataset into the engine and makes it active', async () => {
		const { ws, one } = await workspace();
		const sampleLoaded = await openSample(ws);
		const staged = await ws.stage([messy()]);
		await ws.build(staged, (await ws.suggest(staged)).mapping, { name: 'messy' });
		const restored = await ws.restore(sampleLoaded.record.id);
		expect(restored?.measures.map((m) => m.key)).toEqual([
			'pain',
			'flexibility',
			'sleep',
			'stress'
		]);
		expect(await one('SELECT count(*)::INTEGER AS n FROM sessions')).toEqual({ n: 4432 });
		expect(await ws.store.getActive()).toBe(sampleLoaded.record.id);
		expect(await ws.restore('no-such-id')).toBeNull();
	});

	it('derives the analysis tables again for a dataset saved with an older version of them', async () => {
		const { ws, coordinator, one } = await workspace();
		const staged = await ws.stage([messy()]);
		const built = await ws.build(staged, (await ws.suggest(staged)).mapping, { name: 'messy' });
		expect(built.loaded.record.derived).toBe(DERIVED_VERSION);
		// As an older version saved it: its cube without a column the charts now read.
		const older = await coordinator.write('older', async (db) => {
			await db.query({ sql: 'ALTER TABLE episode_cube DROP COLUMN baseline_improvement' });
			return snapshotTables(db, DATASET_TABLES);
		});
		const hasColumn = `SELECT count(*)::INTEGER AS n FROM duckdb_columns()
			WHERE table_name = 'episode_cube' AND column_name = 'baseline_improvement'`;
		const { derived, ...record } = built.loaded.record;
		for (const [version, rebuilt] of [
			[undefined, 1],
			[derived! - 1, 1],
			[derived, 0]
		] as const) {
			await ws.store.save(
				{ ...record, derived: version },
				older.map((t) => ({ ...t }))
			);
			await ws.restore(record.id);
			expect(await one(hasColumn)).toEqual({ n: rebuilt });
		}
	});
});

class Unreadable extends Blob {
	override slice(): Blob {
		throw new Error('read');
	}
	override stream(): never {
		throw new Error('read');
	}
	override arrayBuffer(): never {
		throw new Error('read');
	}
	override text(): never {
		throw new Error('read');
	}
}

describe('a dataset the browser will not store', () => {
	/** A dataset built where saving fails with `said` (the store worker passes on a message). */
	async function builtWhereSaving(said: string) {
		const coordinator = new Coordinator(createNodeEngine);
		coordinators.push(coordinator);
		const store = openDatasetStore(new IDBFactory());
		const refusing = { ...store, save: () => Promise.reject(new Error(said)) };
		const ws = new Workspace(coordinator, refusing, () => TEST_NOW);
		await ws.start();
		const staged = await ws.stage([messy()]);
		const { loaded } = await ws.build(staged, (await ws.suggest(staged)).mapping, { name: 'm' });
		return { coordinator, loaded };
	}

	it('stays open, with a warning that says so even when the storage gives no reason', async () => {
		// As Chromium's IndexedDB refused a 4M-session dataset: an error with no message.
		const { coordinator, loaded } = await builtWhereSaving('');
		expect(loaded.warning).toBe(
			'The dataset could not be saved in this browser: the browser gave no reason'
		);
		const sessions = await coordinator.query({
			sql: 'SELECT count(*)::INTEGER AS n FROM sessions'
		});
		expect(sessions.get(0)?.toJSON()).toEqual({ n: 8 });
	});

	it('says in plain words when the storage is full', async () => {
		// What the store worker passes on for Chromium's refusal of a 5M-session dataset.
		const { loaded } = await builtWhereSaving('QuotaExceededError');
		expect(loaded.warning).toBe(
			"The dataset could not be saved in this browser: the browser's storage for this site is full (a private window holds far less than a normal one). Remove saved datasets you no longer need, or import in a normal window"
		);
	});
});

describe('files too large for the browser tab', () => {
	it('are refused from their sizes before a byte is read; the loaded dataset stays', async () => {
		const { ws, one } = await workspace();
		const loaded = await openSample(ws);
		// 1100 MiB of one repeated megabyte (Blob parts are referenced, not copied) that no reader
		// may touch: reading it would fail with another message.
		const megabyte = new Blob([new Uint8Array(1 << 20)]);
		const big = { name: 'big.csv', blob: new Unreadable(Array<Blob>(1100).fill(megabyte)) };
		await expect(ws.stage([big])).rejects.toThrow(
			/^big\.csv is 1.2 GB; this browser tab can import CSV or text files up to about 1 GB/
		);
		expect(await one('SELECT count(*)::INTEGER AS n FROM sessions')).toEqual({ n: 4432 });
		expect(await ws.store.getActive()).toBe(loaded.record.id);
		expect(await one(LEFTOVERS)).toEqual({ n: 0 });
	});
});
