import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freshDb, rows, TEST_NOW } from '../../../tests/support/db';
import type { Connector } from '../engine/connector';
import { importFiles } from './import-files';
import type { Mapping } from './mapping';

const fixture = (name: string) => ({
	name,
	blob: new Blob([readFileSync(new URL(`../../../tests/fixtures/import/${name}`, import.meta.url))])
});

async function imported(name: string, mapping?: Mapping) {
	const db = await freshDb();
	const outcome = await importFiles(db, [fixture(name)], { now: TEST_NOW, mapping });
	return { db, ...outcome };
}

const problems = (db: Connector) =>
	rows(
		db,
		`SELECT "row", "column", value, severity, reason FROM import_problems ORDER BY "row", severity, "column"`
	);

describe('import of a messy semicolon, decimal-comma export', () => {
	it('maps the columns by their names', async () => {
		const { mapping, db } = await imported('messy-semicolon.csv');
		expect(mapping.fields).toMatchObject({
			patient: 'Client ID',
			date: 'Date',
			condition: 'Dx',
			technique: 'Modality',
			minutes: 'Duration'
		});
		expect(mapping.measures).toEqual({ pain: 'Pain (0-10)', sleep: 'Sleep', flexibility: 'ROM %' });
		await db.close();
	});

	it('accounts for every row: accepted + rejected = rows read', async () => {
		const { report, db } = await imported('messy-semicolon.csv');
		expect(report).toMatchObject({ rows: 12, accepted: 8, rejected: 4, patients: 4, sessions: 8 });
		await db.close();
	});

	it('reports each problem at its data row with the value verbatim', async () => {
		const { db } = await imported('messy-semicolon.csv');
		expect(await problems(db)).toEqual([
			{
				row: 5,
				column: 'Pain (0-10)',
				value: '11',
				severity: 'rejected_value',
				reason: 'out_of_range'
			},
			{
				row: 6,
				column: 'Date',
				value: '30/02/2025',
				severity: 'rejected_row',
				reason: 'invalid_date'
			},
			{
				row: 7,
				column: 'Client ID',
				value: null,
				severity: 'rejected_row',
				reason: 'missing_patient'
			},
			{ row: 8, column: null, value: null, severity: 'flag', reason: 'conflicting_duplicate' },
			{ row: 9, column: null, value: null, severity: 'rejected_row', reason: 'exact_duplicate' },
			{
				row: 10,
				column: null,
				value: null,
				severity: 'rejected_row',
				reason: 'conflicting_duplicate'
			},
			{
				row: 11,
				column: 'Pain (0-10)',
				value: 'abc',
				severity: 'rejected_value',
				reason: 'not_numeric'
			},
			{ row: 12, column: 'Date', value: '01/12/2026', severity: 'flag', reason: 'future_date' }
		]);
		await db.close();
	});

	it('reports whole-column coercions once, with counts', async () => {
		const { report, db } = await imported('messy-semicolon.csv');
		const kinds = Object.fromEntries(
			report.coercions.map((c) => [`${c.column}/${c.kind}`, c.count])
		);
		expect(kinds).toEqual({
			'Date/date_format': 8,
			'Dx/category_normalised': 5,
			'Modality/category_normalised': 5,
			'Pain (0-10)/decimal_comma': 1,
			'Pain (0-10)/missing_marker': 1,
			'Pain (0-10)/out_of_text': 1,
			'Pain (0-10)/trimmed_whitespace': 1,
			'ROM %/percent_sign': 1
		});
		expect(report.notes).toContain('Dates read day-first (5 of 12 can only be day-first).');
		await db.close();
	});

	it('reads coerced values, normalises categories and never clips', async () => {
		const { db } = await imported('messy-semicolon.csv');
		expect(
			await rows(
				db,
				`SELECT s.patient, s.technique::VARCHAR AS technique, o.value
			FROM observations o JOIN sessions s USING (session_id) WHERE o.measure = 'pain' ORDER BY s.session_id`
			)
		).toEqual([
			{ patient: 'C-01', technique: 'Myofascial release', value: 7.5 },
			{ patient: 'C-01', technique: 'Myofascial release', value: 6 },
			{ patient: 'C-02', technique: 'Neuromuscular / trigger point', value: 8 },
			{ patient: 'C-03', technique: 'Swedish', value: 4 },
			{ patient: 'C-04', technique: 'Deep tissue', value: 6 }
		]);
		await db.close();
	});
});

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

describe('a failed import', () => {
	it('leaves the loaded dataset exactly as it was', async () => {
		const { db } = await imported('messy-semicolon.csv');
		const before = await rows(db, 'SELECT count(*)::INTEGER AS n FROM sessions');
		const bad: Mapping = {
			layout: 'wide',
			fields: { patient: 'Client ID', date: 'Date' },
			measures: { nonsense: 'Sleep' }
		};
		await expect(
			importFiles(db, [fixture('messy-semicolon.csv')], { mapping: bad })
		).rejects.toThrow(/not a known measure/);
		expect(await rows(db, 'SELECT count(*)::INTEGER AS n FROM sessions')).toEqual(before);
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

describe('value renames and merges', () => {
	it('apply to source values and to the labels they became', async () => {
		const db = await freshDb();
		const first = await importFiles(db, [fixture('messy-semicolon.csv')], { now: TEST_NOW });
		const mapping: Mapping = {
			...first.mapping,
			valueAliases: {
				technique: {
					'Myofascial release': 'MFR (all kinds)',
					trigger: 'Trigger work',
					NMT: 'Trigger work'
				}
			}
		};
		await importFiles(db, [fixture('messy-semicolon.csv')], { now: TEST_NOW, mapping });
		expect(
			await rows(
				db,
				`SELECT technique::VARCHAR AS technique, count(*)::INTEGER AS n
			FROM sessions GROUP BY ALL ORDER BY 1`
			)
		).toEqual([
			{ technique: 'Deep tissue', n: 1 },
			{ technique: 'MFR (all kinds)', n: 3 },
			{ technique: 'Neuromuscular / trigger point', n: 1 },
			{ technique: 'Swedish', n: 2 },
			{ technique: 'Trigger work', n: 1 }
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
