import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dbWithCsv, rows } from '../../../tests/support/db';
import { BUILT_IN_MEASURES } from '../measures/registry';
import { loadSessionsCsv } from './load-sessions-csv';

const fixture = readFileSync(
	new URL('../../../tests/fixtures/small-sessions.csv', import.meta.url),
	'utf8'
);

describe('loadSessionsCsv', () => {
	it('accepts placeable rows and counts the rest: accepted + rejected = rows read', async () => {
		const { db, summary } = await dbWithCsv(fixture, 'small.csv');
		expect(summary).toMatchObject({ file: 'small.csv', rows: 14, accepted: 12, rejected: 2 });
		const rejected = await rows(
			db,
			`SELECT count(DISTINCT row)::INTEGER AS n FROM import_problems
			WHERE severity = 'rejected_row'`
		);
		expect(rejected[0]!.n).toBe(summary.rejected);
		await db.close();
	});

	it('reports every problem with its 1-based data row, column, verbatim value and reason', async () => {
		const { db } = await dbWithCsv(fixture, 'small.csv');
		const problems = await rows(
			db,
			`SELECT file, row, "column", value, severity, reason
			FROM import_problems ORDER BY row, "column"`
		);
		expect(problems).toEqual([
			{
				file: 'small.csv',
				row: 6,
				column: 'pain',
				value: '12',
				severity: 'rejected_value',
				reason: 'out_of_range'
			},
			{
				file: 'small.csv',
				row: 8,
				column: 'pain',
				value: 'five',
				severity: 'rejected_value',
				reason: 'not_numeric'
			},
			{
				file: 'small.csv',
				row: 10,
				column: 'patient_id',
				value: null,
				severity: 'rejected_row',
				reason: 'missing_patient'
			},
			{
				file: 'small.csv',
				row: 11,
				column: 'session_date',
				value: '2025-02-30',
				severity: 'rejected_row',
				reason: 'invalid_date'
			}
		]);
		await db.close();
	});

	it('numbers sessions within episodes of care, starting a new episode after a 90-day gap', async () => {
		const { db } = await dbWithCsv(fixture);
		const p3 = await rows(
			db,
			`SELECT strftime(session_date, '%Y-%m-%d') AS d, session_no, episode
			FROM sessions WHERE patient = 'P3' ORDER BY session_date`
		);
		expect(p3.map((r) => r.session_no)).toEqual([1, 2, 1]);
		expect(new Set(p3.map((r) => r.episode)).size).toBe(2);
		await db.close();
	});

	it('keeps bad values out of observations without clipping, and keeps text verbatim', async () => {
		const { db } = await dbWithCsv(fixture);
		const pain = await rows(
			db,
			`SELECT max(value) AS max, count(*)::INTEGER AS n
			FROM observations WHERE measure = 'pain'`
		);
		expect(pain[0]).toEqual({ max: 8, n: 10 });
		const note = await rows(db, `SELECT notes FROM sessions WHERE source_row = 2`);
		expect(note[0]!.notes).toBe('tight, "very" sore');
		await db.close();
	});

	it('leaves the loaded dataset untouched when a later import fails', async () => {
		const { db } = await dbWithCsv(fixture);
		const broken = new TextEncoder().encode('patient_id,foo\nP1,2\n');
		await expect(loadSessionsCsv(db, 'broken.csv', broken, BUILT_IN_MEASURES)).rejects.toThrow(
			/lacks required columns: session_date/
		);
		const count = await rows(db, 'SELECT count(*)::INTEGER AS n FROM sessions');
		expect(count[0]!.n).toBe(12);
		await db.close();
	});
});
