import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { imported, problems } from '../../../tests/support/import';
import { freshDb, rows, TEST_NOW } from '../../../tests/support/db';
import { importFiles } from './import-files';

describe('other layouts', () => {
	it('pivots a long file into sessions and rejects unknown measures and conflicts', async () => {
		const { db, report, mapping } = await imported('long-tidy.csv');
		expect(mapping.layout).toBe('long');
		expect(report).toMatchObject({ rows: 8, accepted: 6, rejected: 2, sessions: 4 });
		expect((await problems(db)).map((p) => [p.row, p.reason])).toEqual([
			[3, 'conflicting_duplicate'],
			[5, 'conflicting_duplicate'],
			[8, 'unknown_measure']
		]);
		await db.close();
	});

	it('reads REDCap events as visits, keeping gaps when a visit is missed', async () => {
		const { db, report, mapping } = await imported('redcap.csv');
		expect(mapping.layout).toBe('redcap');
		expect(report).toMatchObject({ rows: 6, accepted: 5, rejected: 1 });
		expect(
			await rows(
				db,
				`SELECT patient, visit, session_no, condition::VARCHAR AS condition
			FROM sessions ORDER BY patient, visit`
			)
		).toEqual([
			{ patient: '1', visit: 1, session_no: 1, condition: 'Low back pain' },
			{ patient: '1', visit: 2, session_no: 2, condition: 'Low back pain' },
			{ patient: '1', visit: 3, session_no: 3, condition: 'Low back pain' },
			{ patient: '2', visit: 1, session_no: 1, condition: 'Neck pain' },
			{ patient: '2', visit: 3, session_no: 2, condition: 'Neck pain' }
		]);
		await db.close();
	});
});

describe('formats other than CSV go through the same pipeline', () => {
	it('an Excel sheet reports problems with the sheet’s own row number too', async () => {
		const { default: writeXlsxFile } = await import('write-excel-file/universal');
		const blob = await writeXlsxFile(
			[
				['Patient', 'Date', 'Technique', 'Pain'],
				['P1', '2025-01-06', 'MFR', 7],
				[null, null, null, null],
				['P1', '2025-01-13', 'MFR', 'eleven']
			],
			{ sheet: 'Visits' }
		).toBlob();
		const db = await freshDb();
		const { report } = await importFiles(db, [{ name: 'visits.xlsx', blob }], { now: TEST_NOW });
		expect(report).toMatchObject({ rows: 2, accepted: 2, rejected: 0, sessions: 2 });
		expect(await problems(db)).toEqual([
			{ row: 2, column: 'Pain', value: 'eleven', severity: 'rejected_value', reason: 'not_numeric' }
		]);
		expect(await rows(db, 'SELECT sheet_row FROM import_problems')).toEqual([{ sheet_row: 4 }]);
		await db.close();
	});

	it('NDJSON records become sessions like rows', async () => {
		const ndjson = [
			'{"patient":"P1","date":"2025-01-06","pain":6}',
			'',
			'{"patient":"P1","date":"2025-01-20","pain":4}'
		].join('\n');
		const db = await freshDb();
		const { report } = await importFiles(
			db,
			[{ name: 'visits.ndjson', blob: new Blob([ndjson]) }],
			{ now: TEST_NOW }
		);
		expect(report).toMatchObject({ rows: 2, accepted: 2, sessions: 2, patients: 1 });
		expect(
			await rows(
				db,
				'SELECT session_no, value FROM observations JOIN sessions USING (session_id) ORDER BY 1'
			)
		).toEqual([
			{ session_no: 1, value: 6 },
			{ session_no: 2, value: 4 }
		]);
		await db.close();
	});
});

const CDYSTONIA = new URL('../../../../shared/datasets/cdystonia.csv', import.meta.url);
describe.skipIf(!existsSync(CDYSTONIA))(
	'the real cervical dystonia trial export (../shared/datasets)',
	() => {
		it('imports with site + id as the patient, week as the time axis and TWSTRS as a lower-is-better measure', async () => {
			const db = await freshDb();
			const source = { name: 'cdystonia.csv', blob: new Blob([readFileSync(CDYSTONIA)]) };
			const { report, mapping } = await importFiles(db, [source], { now: TEST_NOW });
			expect(mapping.fields.patient).toEqual(['site', 'id']);
			expect(mapping.timeUnit).toBe('week');
			expect(report).toMatchObject({ rows: 631, accepted: 631, rejected: 0, patients: 109 });
			expect(await rows(db, 'SELECT time_axis, time_unit FROM dataset_info')).toEqual([
				{ time_axis: 'visit', time_unit: 'week' }
			]);
			expect(await rows(db, `SELECT better, max FROM measures WHERE "key" = 'twstrs'`)).toEqual([
				{ better: 'lower', max: 87 }
			]);
			expect(await rows(db, `SELECT DISTINCT visit FROM sessions ORDER BY visit`)).toEqual(
				[0, 2, 4, 8, 12, 16].map((visit) => ({ visit }))
			);
			await db.close();
		});
	}
);
