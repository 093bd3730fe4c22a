import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbWithCsv, readSampleCsv, SAMPLE_CSV_PATH } from '../../tests/support/db';
import type { LocalEngine } from '../lib/engine/engine';
import { createNativeEngine } from '../lib/engine/native-engine';
import { rowObjects } from '../lib/engine/rows';
import { summaryQuery } from '../lib/stats/summary';
import { NO_FILTER } from '../lib/stats/sql';
import { runImport } from './import-command';

const dir = mkdtempSync(join(tmpdir(), 'mo-dataset-'));
const out = join(dir, 'sample.duckdb');
const NOW = '2026-11-25';

/** Every table of the dataset's catalog with its rows, as each engine holds them. */
const TABLES = `SELECT table_name AS name, estimated_size::INTEGER AS rows_held
	FROM duckdb_tables() WHERE database_name = 'mo_data' AND NOT temporary ORDER BY name`;

let file: LocalEngine;
let browser: LocalEngine;
beforeAll(async () => {
	const printed = await runImport({
		files: [SAMPLE_CSV_PATH.pathname],
		json: false,
		now: NOW,
		out
	});
	expect(printed).toContain(`Dataset written to ${out}.`);
	file = await createNativeEngine({ file: out, readOnly: true });
	({ db: browser } = await dbWithCsv(readSampleCsv(), 'sessions.csv'));
}, 120_000);
afterAll(async () => {
	await file.close();
	await browser.close();
});

describe('import --out dataset.duckdb', () => {
	it('writes the tables the browser builds, row for row', async () => {
		const written = rowObjects(await file.query({ sql: TABLES }));
		expect(written).toEqual(rowObjects(await browser.query({ sql: TABLES })));
		expect(written.map((t) => t.name)).toEqual(
			expect.arrayContaining(['sessions', 'episode_measures', 'episode_cube', 't975_table'])
		);
	});

	it('answers the statistics as the browser does, from the file alone', async () => {
		const spec = summaryQuery({ measure: 'pain', filter: NO_FILTER, by: ['condition'] });
		const sorted = async (db: LocalEngine) =>
			rowObjects(await db.query(spec))
				.map((r) =>
					JSON.stringify(r, (_, v: unknown) => (typeof v === 'number' ? +v.toPrecision(12) : v))
				)
				.sort();
		expect(await sorted(file)).toEqual(await sorted(browser));
	});

	it('leaves an earlier file as it was when an import fails', async () => {
		const before = readFileSync(out);
		const empty = join(dir, 'empty.csv');
		writeFileSync(empty, 'patient_id,session_date,pain\n');
		await expect(runImport({ files: [empty], json: false, now: NOW, out })).rejects.toThrow();
		expect(readFileSync(out).equals(before)).toBe(true);
		expect(existsSync(`${out}.building`)).toBe(false);
	});
});
