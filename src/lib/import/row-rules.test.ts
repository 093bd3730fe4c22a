import { describe, expect, it } from 'vitest';
import { problems } from '../../../tests/support/import';
import { freshDb, rows, TEST_NOW } from '../../../tests/support/db';
import { importFiles } from './import-files';

describe('session length and age', () => {
	it('are rejected as values when impossible, and ages pool into bands with 90+', async () => {
		const csv = [
			'patient,date,minutes,age,pain',
			'P1,2025-01-06,45,34,5',
			'P2,2025-01-06,abc,150,5',
			'P3,2025-01-06,600,93,5'
		].join('\n');
		const db = await freshDb();
		await importFiles(db, [{ name: 'm.csv', blob: new Blob([csv]) }], { now: TEST_NOW });
		expect(await problems(db)).toEqual([
			{ row: 2, column: 'age', value: '150', severity: 'rejected_value', reason: 'out_of_range' },
			{
				row: 2,
				column: 'minutes',
				value: 'abc',
				severity: 'rejected_value',
				reason: 'not_numeric'
			},
			{
				row: 3,
				column: 'minutes',
				value: '600',
				severity: 'rejected_value',
				reason: 'out_of_range'
			}
		]);
		expect(
			await rows(db, 'SELECT patient, minutes, age_band::VARCHAR AS band FROM sessions ORDER BY 1')
		).toEqual([
			{ patient: 'P1', minutes: 45, band: '30–39' },
			{ patient: 'P2', minutes: null, band: null },
			{ patient: 'P3', minutes: null, band: '90+' }
		]);
		await db.close();
	});
});

describe('every rejection reason, at its data row', () => {
	it('covers rows without a time and rows with too many fields', async () => {
		const csv = [
			'patient,date,visit,pain',
			'P1,2025-01-06,,5',
			'P1,,,4',
			'',
			'P1,2025-01-20,,3,extra',
			'P2,N/A,,6',
			'P2,,3,6'
		].join('\n');
		const db = await freshDb();
		const { report } = await importFiles(db, [{ name: 'r.csv', blob: new Blob([csv]) }], {
			now: TEST_NOW
		});
		expect(report).toMatchObject({ rows: 5, accepted: 2, rejected: 3 });
		expect((await problems(db)).map((p) => [p.row, p.reason])).toEqual([
			[2, 'no_time'],
			[3, 'too_many_fields'],
			[4, 'no_time']
		]);
		await db.close();
	});
});

describe('an age band column', () => {
	it('is read like every other category: one spelling, and the tidying counted', async () => {
		const csv = ['patient,date,age group,pain', 'P1,2025-01-06,30-39,5', 'P2,2025-01-06, 40–49 ,5'];
		const db = await freshDb();
		const { report } = await importFiles(
			db,
			[{ name: 'b.csv', blob: new Blob([csv.join('\n')]) }],
			{ now: TEST_NOW }
		);
		expect(await rows(db, 'SELECT age_band::VARCHAR AS band FROM sessions ORDER BY 1')).toEqual([
			{ band: '30–39' },
			{ band: '40–49' }
		]);
		expect(report.coercions).toContainEqual(
			expect.objectContaining({ column: 'age group', kind: 'category_normalised', count: 2 })
		);
		await db.close();
	});
});

describe('missing-value markers', () => {
	it('mean "no value" in every field, each column counted once, a patient "NA" a missing patient', async () => {
		const csv = [
			'patient,date,clinic,therapist,condition,technique,sex,age band,notes,minutes,pain',
			'P1,2025-01-06,n/a,none,?,NaN,-,null,NA,N/A,5',
			'P2,2025-01-06,North,Anna,Neck pain,Swedish,F,30-39,fine,45,4',
			'NA,2025-01-06,North,Anna,Neck pain,Swedish,F,30-39,fine,45,3'
		].join('\n');
		const db = await freshDb();
		const { report } = await importFiles(db, [{ name: 'm.csv', blob: new Blob([csv]) }], {
			now: TEST_NOW
		});
		expect(report).toMatchObject({ rows: 3, accepted: 2, rejected: 1 });
		expect(await problems(db)).toEqual([
			{
				row: 3,
				column: 'patient',
				value: 'NA',
				severity: 'rejected_row',
				reason: 'missing_patient'
			}
		]);
		expect(
			await rows(
				db,
				`SELECT patient, clinic::VARCHAR AS clinic, therapist::VARCHAR AS therapist,
					condition::VARCHAR AS condition, technique::VARCHAR AS technique, sex::VARCHAR AS sex,
					age_band::VARCHAR AS age_band, notes, minutes FROM sessions ORDER BY patient`
			)
		).toEqual([
			{
				patient: 'P1',
				clinic: null,
				therapist: null,
				condition: null,
				technique: null,
				sex: null,
				age_band: null,
				notes: null,
				minutes: null
			},
			{
				patient: 'P2',
				clinic: 'North',
				therapist: 'Anna',
				condition: 'Neck pain',
				technique: 'Swedish',
				sex: 'F',
				age_band: '30–39',
				notes: 'fine',
				minutes: 45
			}
		]);
		const markers = report.coercions.filter((c) => c.kind === 'missing_marker');
		expect(markers.map((c) => [c.column, c.count, c.example])).toEqual([
			['age band', 1, 'null'],
			['clinic', 1, 'n/a'],
			['condition', 1, '?'],
			['minutes', 1, 'N/A'],
			['notes', 1, 'NA'],
			['patient', 1, 'NA'],
			['sex', 1, '-'],
			['technique', 1, 'NaN'],
			['therapist', 1, 'none']
		]);
		await db.close();
	});
});
