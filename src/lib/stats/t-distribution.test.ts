import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../engine/engine';
import { freshDb } from '../../../tests/support/db';
import { readReference, run } from './reference.test-support';

/** 2 · scipy.stats.t.sf(|t|, df), SciPy 1.17 (scripts/reference/stats_reference.py). */
const SCIPY = readReference<{ df: number; t: number; p: number }[]>('t-p-values.json');

let db: LocalEngine;
beforeAll(async () => {
	db = await freshDb();
});
afterAll(() => db.close());

describe('t_p_value in SQL', () => {
	it('matches SciPy at df 1 to 5000, one query over every (df, t) at once', async () => {
		// All rows in one query: each row's series has its own length, the case that made
		// list_reduce read another row's values (duckdb/duckdb#25816).
		const values = SCIPY.map(() => '(?::INTEGER, ?::DOUBLE)').join(', ');
		const got = await run(db, {
			sql: `SELECT df, t, t_p_value(t, df) AS p FROM (VALUES ${values}) v(df, t)`,
			params: SCIPY.flatMap((r) => [r.df, r.t])
		});
		expect(new Set(SCIPY.map((r) => r.df))).toEqual(new Set([1, 2, 3, 4, 5, 10, 30, 200, 5000]));
		got.forEach((row, i) => {
			expect(Math.abs(Number(row.p) - SCIPY[i]!.p), `df ${row.df}, t ${row.t}`).toBeLessThan(1e-13);
		});
	});

	it('is right inside a filtered query too (list_reduce failed there upstream)', async () => {
		const got = await run(db, {
			sql: `SELECT t_p_value(t, df) AS p FROM (VALUES (0, 1.0), (3, 2.0), (10, 2.0)) v(df, t)
				WHERE df > 0 ORDER BY df`
		});
		// 2 · scipy.stats.t.sf(2, 3) and (2, 10)
		expect(got.map((r) => Number(r.p))).toEqual([
			expect.closeTo(0.13932596855884305, 14),
			expect.closeTo(0.07338803477074037, 14)
		]);
	});

	it('is 1 at t = 0, 0 at an infinite t and NULL without degrees of freedom', async () => {
		const [row] = await run(db, {
			sql: `SELECT t_p_value(0.0, 7) AS zero, t_p_value('inf'::DOUBLE, 7) AS inf,
				t_p_value(2.0, 0) AS no_df, t_p_value(NULL, 7) AS no_t, t_p_value(2.0, NULL) AS null_df`
		});
		expect(row).toEqual({ zero: 1, inf: 0, no_df: null, no_t: null, null_df: null });
	});
});
