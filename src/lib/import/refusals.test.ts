import { describe, expect, it } from 'vitest';
import { rows, TEST_NOW } from '../../../tests/support/db';
import { imported } from '../../../tests/support/import';
import type { LocalEngine } from '../engine/engine';
import { importFiles } from './import-files';
import type { Mapping } from './mapping';

/** What is loaded, table by table: a refused import must leave all of it as it was. */
const loaded = (db: LocalEngine) =>
	rows(
		db,
		`SELECT (SELECT count(*) FROM sessions)::INTEGER AS sessions,
			(SELECT count(*) FROM observations)::INTEGER AS observations,
			(SELECT count(*) FROM import_problems)::INTEGER AS problems,
			(SELECT count(*) FROM import_coercions)::INTEGER AS coercions,
			(SELECT string_agg("key", ',' ORDER BY "key") FROM measures) AS measures,
			(SELECT name FROM dataset_info) AS name`
	);
const csv = (name: string, lines: string[]) => ({ name, blob: new Blob([lines.join('\n')]) });
const TRIAL: Mapping = {
	layout: 'wide',
	fields: { patient: 'id', date: 'visit date', technique: 'group' },
	measures: { pain: 'pain' }
};

describe('an import with nothing to import', () => {
	it('is refused for a file with a header and no data rows, the loaded dataset kept', async () => {
		const { db } = await imported('messy-semicolon.csv');
		const before = await loaded(db);
		const empty = csv('empty.csv', ['patient,date,pain', '']);
		await expect(importFiles(db, [empty], { now: TEST_NOW })).rejects.toThrow(
			'No data rows in empty.csv. Nothing was imported.'
		);
		expect(await loaded(db)).toEqual(before);
		await db.close();
	});

	it('is refused when every row is rejected, saying why and what to map', async () => {
		const { db } = await imported('messy-semicolon.csv');
		const before = await loaded(db);
		const trial = csv('trial.csv', ['id,visit date,group,pain', '1,NA,A,5', '1,NA,A,3', '2,,B,6']);
		await expect(importFiles(db, [trial], { now: TEST_NOW, mapping: TRIAL })).rejects.toThrow(
			'Nothing was imported: every row of trial.csv was rejected, all 3 as "No date or visit number". Map a Session date or a Visit / week number column.'
		);
		const mixed = csv('mixed.csv', [
			'id,visit date,group,pain',
			'1,NA,A,5',
			',2025-01-06,A,3',
			',,B,6'
		]);
		await expect(importFiles(db, [mixed], { now: TEST_NOW, mapping: TRIAL })).rejects.toThrow(
			'every row of mixed.csv was rejected, 2 of the 3 as "No patient". Map the Patient column'
		);
		expect(await loaded(db)).toEqual(before);
		await db.close();
	});
});
