import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../engine/engine';
import type { SqlFilter } from '../selection/clause';
import {
	expectRowsClose,
	readReference,
	referenceDb,
	run,
	type ReferenceCase,
	type Row
} from './reference.test-support';
import { freshDb } from '../../../tests/support/db';
import { excludedQuery, summaryQuery, type SummaryOptions } from './summary';

const reference = readReference<{ episode_measures: Row[]; cases: ReferenceCase[] }>(
	'episode-measures.json'
);
const cases = (builder: string) => reference.cases.filter((c) => c.builder === builder);

let db: LocalEngine;
beforeAll(async () => {
	db = await referenceDb(reference);
});
afterAll(() => db.close());

describe('summaryQuery against the SciPy reference', () => {
	it.each(cases('summary').map((c) => [c.name, c] as const))('%s', async (name, c) => {
		const got = await run(db, summaryQuery(c.options as unknown as SummaryOptions));
		expectRowsClose(got, c.expected, name);
	});

	it('covers what the reference was built to show', () => {
		const rows = cases('summary').flatMap((c) => c.expected);
		const shown = rows.filter((r) => !r.suppressed);
		expect(shown.some((r) => r.n === 2 && r.ci_low !== null)).toBe(true);
		expect(shown.some((r) => r.n === 3 && r.ci_low !== null)).toBe(true);
		expect(shown.some((r) => r.responder_rate === 0 && r.responder_ci_low === 0)).toBe(true);
		expect(shown.some((r) => r.responder_rate === 1 && r.responder_ci_high === 1)).toBe(true);
		expect(rows.some((r) => r.suppressed && r.n === 6 && r.patients === 4)).toBe(true);
	});
});

describe('summaryQuery', () => {
	const all: SqlFilter = { sql: 'TRUE', params: [] };

	it('binds the small-cell threshold and keeps only n and patients of a small cell', async () => {
		const spec = summaryQuery({ measure: 'pain', filter: all, by: ['technique'], minPatients: 9 });
		expect(spec.params).toContain(9);
		const rows = await run(db, spec);
		const small = rows.filter((r) => r.suppressed);
		expect(small.length).toBeGreaterThan(0);
		for (const r of small) {
			const statistics = Object.entries(r).filter(
				([k]) => !['technique', 'n', 'patients', 'suppressed'].includes(k)
			);
			expect(
				statistics.every(([, v]) => v === null),
				String(r.technique)
			).toBe(true);
			expect(r.n).toBeGreaterThan(0);
		}
	});

	it('groups by two dose fields at once and returns the numbers as numbers', async () => {
		const rows = await run(
			db,
			summaryQuery({
				measure: 'pain',
				filter: all,
				by: ['length_band', 'sessions'],
				minPatients: 1
			})
		);
		expect(
			rows.every((r) => typeof r.length_band === 'number' && typeof r.sessions === 'number')
		).toBe(true);
		expect(rows.reduce((s, r) => s + Number(r.n), 0)).toBe(41);
	});

	it('treats hostile text as data', async () => {
		const filter = { sql: 'condition::VARCHAR = ?', params: ["x' OR 1=1 --"] };
		expect(await run(db, summaryQuery({ measure: 'pain', filter, by: ['technique'] }))).toEqual([]);
		expect(
			await run(db, summaryQuery({ measure: "pain' OR 1=1 --", filter: all, by: [] }))
		).toEqual([]);
	});

	it('refuses a field it cannot group by', () => {
		expect(() =>
			summaryQuery({ measure: 'pain', filter: all, by: ['patient_no' as never] })
		).toThrow(/Cannot group by patient_no/);
	});
});

describe('excludedQuery', () => {
	it.each(cases('excluded').map((c) => [c.name, c] as const))('%s', async (name, c) => {
		const { measure, filter } = c.options as { measure: string; filter: SqlFilter };
		expectRowsClose(await run(db, excludedQuery({ measure, filter })), c.expected, name);
	});
});

describe('summaryQuery on a cell larger than INTEGER squares allow', () => {
	it('computes the Wilson interval of 30,000 responders in 60,000 episodes', async () => {
		const big = await freshDb();
		try {
			// Every column summaryQuery reads; 60k episodes of one condition, every other one responds.
			await big.query({
				sql: `CREATE TABLE episode_measures AS SELECT range::INTEGER AS episode,
					range::INTEGER AS patient_no, 'Neck pain' AS condition, 'pain' AS measure,
					'lower' AS better, 6.0 AS baseline, 4.0 AS "last", 2.0 AS improvement,
					range % 2 = 0 AS responder, NULL::BOOLEAN AS target_met, NULL AS excluded, TRUE AS single_episode
					FROM range(60000);
					CREATE TABLE measure_keys AS SELECT 'pain' AS measure`
			});
			const [row] = await run(
				big,
				summaryQuery({ measure: 'pain', filter: { sql: 'TRUE', params: [] }, by: [] })
			);
			// First principles: p = 0.5, n = 60,000, z = 1.959963984540054.
			const z = 1.959963984540054;
			const n = 60000;
			const half = z * Math.sqrt(0.25 / n + (z * z) / (4 * n * n));
			const centre = 0.5 + (z * z) / (2 * n);
			const denominator = 1 + (z * z) / n;
			expect(row!.responder_rate).toBe(0.5);
			expect(row!.responder_ci_low).toBeCloseTo((centre - half) / denominator, 12);
			expect(row!.responder_ci_high).toBeCloseTo((centre + half) / denominator, 12);
		} finally {
			await big.close();
		}
	});
});
