import { describe, expect, it } from 'vitest';
import { HOSTILE, hostileCsv } from '../../../tests/fixtures/hostile';
import { dbWithCsv, rows } from '../../../tests/support/db';

describe('hostile file contents', () => {
	it('are stored verbatim as data, and awkward column names still map', async () => {
		const { db, report } = await dbWithCsv(hostileCsv(), 'hostile.csv');
		expect(report).toMatchObject({ rows: 3, accepted: 3, rejected: 0 });
		expect(report.mapping).toMatchObject({
			patient: 'patient "id"',
			pain: 'Pain (0-10)',
			date: 'session date'
		});
		const sessions = await rows<{ patient: string; notes: string }>(
			db,
			'SELECT patient, notes FROM sessions ORDER BY source_row'
		);
		expect(sessions.map((s) => s.patient)).toEqual([HOSTILE.script, HOSTILE.rtl, HOSTILE.rtl]);
		expect(sessions.map((s) => s.notes)).toEqual([HOSTILE.img, HOSTILE.long, HOSTILE.sql]);
		const problems = await rows(
			db,
			`SELECT "row", "column", value, reason FROM import_problems ORDER BY "row"`
		);
		expect(problems).toEqual([
			{ row: 2, column: 'Pain (0-10)', value: HOSTILE.formulaPain, reason: 'not_numeric' },
			{ row: 3, column: 'Pain (0-10)', value: HOSTILE.img, reason: 'not_numeric' }
		]);
		expect(await rows(db, 'SELECT count(*)::INTEGER AS n FROM sessions')).toEqual([{ n: 3 }]);
		await db.close();
	});
});
