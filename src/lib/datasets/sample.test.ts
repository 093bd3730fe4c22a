import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../../../tests/support/db';
import { Coordinator } from '../engine/coordinator';
import type { LocalEngine } from '../engine/engine';
import { createNodeEngine } from '../engine/node-engine';
import { quoteIdent } from '../engine/quote';
import { rowObjects } from '../engine/rows';
import { importFiles, type ImportOutcome } from '../import/import-files';
import { DATASET_TABLES } from '../import/pipeline';
import { IDBFactory } from 'fake-indexeddb';
import { decodeDatasetFile } from './dataset-file';
import { SAMPLE_NAME, sampleDatasetFile } from './sample';
import { restoreTables } from './snapshot';
import { openDatasetStore } from './store';
import { Workspace } from './workspace';

const sample = () => ({
	name: 'sessions.csv',
	blob: new Blob([readFileSync(new URL('../../../sample-data/sessions.csv', import.meta.url))])
});

/** Each table's definition, row count and a digest of its rows (in any order). */
async function tablesOf(db: LocalEngine) {
	const out: Record<string, unknown> = {};
	for (const name of DATASET_TABLES) {
		const t = quoteIdent(name);
		const [row] = rowObjects(
			await db.query({
				sql: `SELECT (SELECT sql FROM duckdb_tables() WHERE table_name = ?) AS ddl,
				count(*)::INTEGER AS n, md5(string_agg(r::VARCHAR, '\n' ORDER BY r::VARCHAR)) AS digest
				FROM ${t} AS r`,
				params: [name]
			})
		);
		out[name] = row;
	}
	return out;
}

let fresh: LocalEngine;
let imported: ImportOutcome;
let bytes: Uint8Array;
beforeAll(async () => {
	fresh = await createNodeEngine();
	imported = await importFiles(fresh, [sample()], { name: SAMPLE_NAME, now: TEST_NOW });
	const builder = await createNodeEngine();
	bytes = await sampleDatasetFile(builder, sample(), TEST_NOW);
	await builder.close();
}, 180_000);
afterAll(() => fresh?.close());

describe('the bundled sample as a ready dataset file', () => {
	it('restores to exactly the tables a fresh import of sample-data builds', async () => {
		const file = decodeDatasetFile(bytes);
		expect(file.tables.map((t) => t.name)).toEqual(DATASET_TABLES);
		const restored = await createNodeEngine();
		try {
			await restoreTables(restored, file.tables);
			const [want, got] = [await tablesOf(fresh), await tablesOf(restored)];
			expect(got).toEqual(want);
			// Not vacuous: the sample has sessions, problems (3 rejected rows) and episodes.
			expect(want).toMatchObject({ sessions: { n: 4432 }, import_problems: { n: 3 } });
		} finally {
			await restored.close();
		}
	});

	it('carries the import report and mapping of a fresh import', () => {
		const { report, mapping } = decodeDatasetFile(bytes);
		expect(report).toEqual(imported.report);
		expect(mapping).toEqual(imported.mapping);
	});

	it('opened in the workspace, shows and saves the counts a fresh import reports', async () => {
		const coordinator = new Coordinator(createNodeEngine);
		const ws = new Workspace(coordinator, openDatasetStore(new IDBFactory()), () => TEST_NOW);
		try {
			await ws.start();
			const loaded = await ws.openFile(decodeDatasetFile(bytes), {
				name: SAMPLE_NAME,
				builtIn: true
			});
			const { rows, accepted, rejected, sessions, patients } = imported.report;
			const counts = { rows, accepted, rejected, sessions, patients };
			expect(loaded.record).toMatchObject({ name: SAMPLE_NAME, builtIn: true, summary: counts });
			expect(loaded.warning).toBeUndefined();
			const saved = await ws.store.load(loaded.record.id);
			expect(saved?.extra).toEqual({ report: imported.report, mapping: imported.mapping });
			expect(saved?.record.summary).toEqual(counts);
			expect(await ws.store.getActive()).toBe(loaded.record.id);
			// The measures and description the views read come from the restored tables.
			expect(loaded.measures.map((m) => m.key)).toEqual(['pain', 'flexibility', 'sleep', 'stress']);
			expect(loaded.info.name).toBe(SAMPLE_NAME);
		} finally {
			await coordinator.close();
		}
	});
});
