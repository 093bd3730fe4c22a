import { describe, expect, it } from 'vitest';
import { HOSTILE, hostileCsv } from '../../../tests/fixtures/hostile';
import { dbWithCsv, freshDb, rows } from '../../../tests/support/db';
import { restoreTables, snapshotTables } from '../datasets/snapshot';
import type { LocalEngine } from '../engine/engine';
import { DATASET_TABLES } from './pipeline';

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

describe('a byte-order mark inside the data', () => {
	it('fails nothing, and every text keeps it (compared in SQL: read back, it would be lost)', async () => {
		const csv =
			'patient,date,clinic,technique,notes,pain\nP1,2025-01-06,\ufeffBob,\ufeffMFR,\ufeff,5\n';
		const { db, report } = await dbWithCsv(csv, 'bom.csv');
		expect(report).toMatchObject({ rows: 1, accepted: 1 });
		const kept = (engine: LocalEngine) =>
			rows(
				engine,
				`SELECT clinic::VARCHAR = ? AS clinic, technique::VARCHAR = ? AS technique, notes = ? AS notes
				FROM sessions`,
				// An alias is matched ignoring punctuation: a marked "MFR" is still Myofascial release.
				['\ufeffBob', 'Myofascial release', '\ufeff']
			);
		expect(await kept(db)).toEqual([{ clinic: true, technique: true, notes: true }]);
		// The ENUM built in SQL is spelled out in the table's DDL: a saved dataset restores intact.
		const saved = await snapshotTables(db, DATASET_TABLES);
		const restored = await freshDb();
		await restoreTables(restored, saved);
		expect(await kept(restored)).toEqual([{ clinic: true, technique: true, notes: true }]);
		await Promise.all([db.close(), restored.close()]);
	});
});
