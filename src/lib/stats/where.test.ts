import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, rows } from '../../../tests/support/db';
import type { LocalEngine } from '../engine/engine';
import type { Clause } from '../selection/clause';
import { whereSql } from './where';

const HOSTILE = `O'Brien "Main"; DROP TABLE t; --`;
const WEIRD = ['Low back pain, chronic', '50%', 'a\\b', '🦴 Bone', ''];

let db: LocalEngine;
beforeAll(async () => {
	db = await freshDb();
	// The shared filter columns of episode_measures / episode_points, with their types.
	const clinic = `ENUM(${[HOSTILE, 'Riverside', 'Hillside', ...WEIRD].map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')})`;
	await db.query({
		sql: `CREATE TABLE t (id INTEGER, clinic ${clinic}, technique ENUM('Swedish', 'Deep tissue'),
				therapist ENUM('Ann'), condition ENUM('Neck pain'), age_band ENUM('18-39'), sex ENUM('F'),
				length_band USMALLINT, sessions USMALLINT, start_date DATE);
			INSERT INTO t VALUES
				(1, 'Riverside', 'Swedish', 'Ann', 'Neck pain', '18-39', 'F', 30, 4, '2024-01-01'),
				(2, 'Hillside', 'Deep tissue', NULL, NULL, NULL, NULL, 60, 6, '2024-01-31'),
				(3, NULL, 'Swedish', NULL, NULL, NULL, NULL, 15, 4, NULL),
				(4, '${HOSTILE.replaceAll("'", "''")}', NULL, NULL, NULL, NULL, NULL, 45, 8, '2024-03-15'),
				${WEIRD.map((w, i) => `(${10 + i}, '${w.replaceAll("'", "''")}', NULL, NULL, NULL, NULL, NULL, 30, 1, NULL)`).join(', ')}`
	});
});
afterAll(() => db.close());

async function ids(clauses: Clause[]): Promise<number[]> {
	const { sql, params } = whereSql(clauses);
	const got = await rows<{ id: number }>(
		db,
		`SELECT id FROM t WHERE ${sql} ORDER BY id`,
		params as (string | number)[]
	);
	return got.map((r) => r.id);
}

const f = 'filters';
const clinic = (...values: string[]): Clause => ({ source: f, field: 'clinic', values });

describe('whereSql', () => {
	it('is TRUE without params when nothing constrains, empty lists and open ranges included', async () => {
		const none: Clause[] = [
			clinic(),
			{ source: f, field: 'sessions', values: [] },
			{ source: f, field: 'start_date', from: null, to: null }
		];
		expect(whereSql([])).toEqual({ sql: 'TRUE', params: [] });
		expect(whereSql(none)).toEqual({ sql: 'TRUE', params: [] });
		expect(await ids(none)).toHaveLength(9);
	});

	it('keeps rows with any of the values, and never a NULL category', async () => {
		expect(await ids([clinic('Riverside', 'Hillside')])).toEqual([1, 2]);
		const { sql, params } = whereSql([{ source: f, field: 'technique', values: ['Swedish'] }]);
		// Row 3 has no clinic: its technique still matches; a NULL technique (row 4) never does.
		expect(await ids([{ source: f, field: 'technique', values: ['Swedish'] }])).toEqual([1, 3]);
		const negated = await rows(
			db,
			`SELECT count(*)::INTEGER AS n FROM t WHERE NOT coalesce(${sql}, false)`,
			params as string[]
		);
		expect(negated).toEqual([{ n: 7 }]);
	});

	it('matches nothing, without an error, for a label the ENUM lacks', async () => {
		expect(await ids([clinic('Nowhere')])).toEqual([]);
		expect(await ids([clinic('Nowhere', 'Riverside')])).toEqual([1]);
	});

	it('binds hostile and odd labels as values: the SQL text never holds them', async () => {
		const where = whereSql([clinic(HOSTILE)]);
		expect(where.sql).not.toContain('DROP');
		expect(where.params).toEqual([HOSTILE, HOSTILE, HOSTILE, HOSTILE]);
		expect(await ids([clinic(HOSTILE)])).toEqual([4]);
		for (const [i, w] of WEIRD.entries()) expect(await ids([clinic(w)]), w).toEqual([10 + i]);
		expect(await rows(db, 'SELECT count(*)::INTEGER AS n FROM t')).toEqual([{ n: 9 }]);
	});

	it('writes one text for 1–4 values and one for 5–8, each matching exactly the values given', async () => {
		const labels: [string, number][] = [
			['Riverside', 1],
			['Hillside', 2],
			[HOSTILE, 4],
			...WEIRD.map((w, i): [string, number] => [w, 10 + i])
		];
		const texts = new Set<string>();
		for (let k = 1; k <= labels.length; k++) {
			const chosen = labels.slice(0, k);
			const where = whereSql([clinic(...chosen.map(([label]) => label))]);
			texts.add(where.sql);
			expect(where.params).toHaveLength(k <= 4 ? 4 : 8);
			const want = chosen.map(([, id]) => id).sort((a, b) => a - b);
			expect(await ids([clinic(...chosen.map(([label]) => label))]), `${k} labels`).toEqual(want);
		}
		expect(texts.size).toBe(2);
	});

	it('ANDs clauses, two on one field giving their intersection', async () => {
		const lengths: Clause = { source: 'dose-length', field: 'length_band', values: [30, 60] };
		expect(await ids([clinic('Riverside', 'Hillside'), lengths])).toEqual([1, 2]);
		expect(
			await ids([
				clinic('Riverside', 'Hillside'),
				{ source: 'matrix', field: 'clinic', values: ['Hillside'] }
			])
		).toEqual([2]);
		expect(await ids([{ source: f, field: 'sessions', values: [4] }, lengths])).toEqual([1]);
	});

	it('takes dates inclusively at either end, each end optional, never a NULL date', async () => {
		const range = (from: string | null, to: string | null): Clause => ({
			source: f,
			field: 'start_date',
			from,
			to
		});
		expect(await ids([range('2024-01-01', '2024-01-31')])).toEqual([1, 2]);
		expect(await ids([range('2024-01-31', null)])).toEqual([2, 4]);
		expect(await ids([range(null, '2024-01-01')])).toEqual([1]);
		expect(await ids([range('2024-02-01', '2024-01-01')])).toEqual([]);
	});

	it('refuses an unknown field, and values of the wrong kind, before any SQL is run', () => {
		const bad = (clause: unknown) => () => whereSql([clause as Clause]);
		expect(bad({ source: f, field: 'clinic" OR TRUE --', values: ['x'] })).toThrow(
			/Unknown filter field/
		);
		expect(bad({ source: f, field: 'patient_no', values: [1] })).toThrow(/Unknown filter field/);
		expect(bad({ source: f, field: 'clinic', values: [1] })).toThrow(/must be text/);
		expect(bad({ source: f, field: 'sessions', values: [2.5] })).toThrow(/whole number/);
		expect(bad({ source: f, field: 'sessions', values: ['4'] })).toThrow(/whole number/);
		expect(bad({ source: f, field: 'start_date', from: '2024-02-30', to: null })).toThrow(
			/yyyy-mm-dd/
		);
		expect(bad({ source: f, field: 'start_date', from: null, to: "2024-01-01' OR TRUE" })).toThrow(
			/yyyy-mm-dd/
		);
	});
});
