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
	it('matches SciPy from df 1 to 10⁷, one query over every (df, t) at once', async () => {
		// All rows in one query: each row's series has its own length, the case that made
		// list_reduce read another row's values (duckdb/duckdb#25816).
		const values = SCIPY.map(() => '(?::INTEGER, ?::DOUBLE)').join(', ');
		const got = await run(db, {
			sql: `SELECT df, t, t_p_value(t, df) AS p FROM (VALUES ${values}) v(df, t)`,
			params: SCIPY.flatMap((r) => [r.df, r.t])
		});
		// Both methods, and both sides of the switch between them at df 1000.
		expect(SCIPY.some((r) => r.df === 1000) && SCIPY.some((r) => r.df === 1001)).toBe(true);
		expect(Math.max(...SCIPY.map((r) => r.df))).toBe(10_000_000);
		got.forEach((row, i) => {
			const want = SCIPY[i]!;
			expect([row.df, row.t]).toEqual([want.df, want.t]);
			expect(Math.abs(Number(row.p) - want.p), `df ${want.df}, t ${want.t}`).toBeLessThan(1e-13);
		});
	});

	it('stays fast at a large df (the y-series needs 60 + t² terms, not df / 2)', async () => {
		const start = performance.now();
		await run(db, { sql: 'SELECT t_p_value(1.96 + range / 100, 1000000) FROM range(30)' });
		expect(performance.now() - start).toBeLessThan(1000);
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
