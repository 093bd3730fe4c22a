import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../engine/engine';
import { referenceTrend } from '../../../tests/reference/trend-reference';
import { dbWithCsv, readSampleCsv } from '../../../tests/support/db';
import { compareQuery } from './compare';
import { excludedQuery, summaryQuery } from './summary';
import { NO_FILTER } from './sql';
import { run, type Row } from './reference.test-support';
import { trendQuery } from './trend';

// The builders on the tables the import really builds (ENUMs, USMALLINTs), from the bundled sample.
const csv = readSampleCsv();
let db: LocalEngine;
beforeAll(async () => {
	({ db } = await dbWithCsv(csv));
});
afterAll(() => db.close());

describe('the statistics on the bundled sample', () => {
	it('raw trend by technique matches the independent episode walk in plain JS', async () => {
		for (const [measure, condition] of [
			['pain', null],
			['sleep', 'Low back pain']
		] as const) {
			const filter =
				condition === null ? NO_FILTER : { sql: 'condition::VARCHAR = ?', params: [condition] };
			const got = await run(
				db,
				trendQuery({ measure, filter, axis: 'time', kind: 'raw', by: 'technique' })
			);
			const expected = referenceTrend(csv, measure, [0, 10], condition);
			const key = (r: { time?: unknown }, series: unknown) => `${String(series)}#${String(r.time)}`;
			expect(got.map((r) => key(r, r.series)).sort()).toEqual(
				expected.map((r) => key(r, r.technique)).sort()
			);
			const byKey = new Map(got.map((r) => [key(r, r.series), r]));
			for (const e of expected) {
				const g = byKey.get(key(e, e.technique))!;
				expect([g.n, g.patients, g.suppressed]).toEqual([e.n, e.patients, e.suppressed]);
				for (const stat of ['mean', 'lo', 'hi'] as const) {
					if (e[stat] === null) expect(g[stat]).toBeNull();
					else expect(Number(g[stat])).toBeCloseTo(e[stat], 9);
				}
			}
		}
	});

	it('counts every episode once: included by summary, the rest by excluded', async () => {
		const [all] = await run(db, {
			sql: `SELECT count(DISTINCT episode)::INTEGER AS episodes FROM episode_measures`
		});
		const groups = await run(
			db,
			summaryQuery({ measure: 'pain', filter: NO_FILTER, by: ['condition'], minPatients: 1 })
		);
		const excluded = await run(db, excludedQuery({ measure: 'pain', filter: NO_FILTER }));
		const sum = (rows: Row[]) => rows.reduce((s, r) => s + Number(r.n), 0);
		expect(sum(groups) + sum(excluded)).toBe(all?.episodes);
		expect(groups.every((r) => typeof r.condition === 'string')).toBe(true);
	});

	it('compares every technique pair of a condition with p- and q-values', async () => {
		const [first] = await run(
			db,
			summaryQuery({ measure: 'pain', filter: NO_FILTER, by: ['condition'] })
		);
		const pairs = await run(
			db,
			compareQuery({ measure: 'pain', filter: NO_FILTER, condition: String(first?.condition) })
		);
		expect(pairs.length).toBeGreaterThan(0);
		for (const p of pairs.filter((r) => !r.suppressed)) {
			expect(Number(p.q_value)).toBeGreaterThanOrEqual(Number(p.p_value));
			expect(Number(p.adjusted_ci_low)).toBeLessThan(Number(p.adjusted_ci_high));
		}
	});
});
