import { describe, expect, it } from 'vitest';
import { freshDb, rows, TEST_NOW } from '../../../tests/support/db';
import { imported } from '../../../tests/support/import';
import { importFiles } from './import-files';
import { missingRequired } from './required-fields';

const labels = (m: Parameters<typeof missingRequired>[0]) => missingRequired(m).map((r) => r.label);

describe('required fields', () => {
	it('are a patient, a time (date or visit) and at least one measure', () => {
		expect(labels({ layout: 'wide', fields: {}, measures: {} })).toEqual([
			'Patient',
			'Session date or Visit / week number',
			'at least one measure'
		]);
		expect(
			labels({ layout: 'wide', fields: { patient: 'id', visit: 'week' }, measures: {} })
		).toEqual(['at least one measure']);
		expect(
			labels({
				layout: 'wide',
				fields: { patient: ['site', 'id'], date: 'd' },
				measures: { pain: 'p' }
			})
		).toEqual([]);
	});

	it('unmapped, refuse the build in plain words and leave the loaded dataset alone', async () => {
		const { db } = await imported('messy-semicolon.csv');
		const before = await rows(db, 'SELECT count(*)::INTEGER AS n FROM sessions');
		const abc = { name: 'abc.csv', blob: new Blob(['a,b,c\n1,2,3\n']) };
		await expect(importFiles(db, [abc], { now: TEST_NOW })).rejects.toThrow(
			'Before importing, map: Patient; Session date or Visit / week number; at least one measure.'
		);
		expect(await rows(db, 'SELECT count(*)::INTEGER AS n FROM sessions')).toEqual(before);
		await db.close();
	});

	it('count a constant as mapped (a trial whose condition is one value)', async () => {
		const db = await freshDb();
		const csv = 'id,week,score\n1,0,5\n';
		const { report } = await importFiles(db, [{ name: 't.csv', blob: new Blob([csv]) }], {
			now: TEST_NOW,
			mapping: {
				layout: 'wide',
				fields: { patient: 'id', visit: 'week', condition: { constant: 'Neck pain' } },
				measures: { pain: 'score' }
			}
		});
		expect(report).toMatchObject({ rows: 1, accepted: 1 });
		await db.close();
	});
});
