import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../engine/engine';
import {
	expectRowsClose,
	readReference,
	referenceDb,
	run,
	type ReferenceCase,
	type Row
} from './reference.test-support';
import { trendQuery, type TrendOptions } from './trend';

/**
 * Pain points where episodes starting at 7 or worse stay six sessions and the others three,
 * one episode lacks its baseline, and sessions every four days put two in most weeks.
 */
const reference = readReference<{ episode_points: Row[]; cases: ReferenceCase[] }>('trend.json');
const all = { sql: 'TRUE', params: [] };

let db: LocalEngine;
beforeAll(async () => {
	db = await referenceDb(reference);
});
afterAll(() => db.close());

const trend = (options: Partial<TrendOptions>) =>
	run(
		db,
		trendQuery({
			measure: 'pain',
			filter: all,
			axis: 'time',
			kind: 'paired',
			by: 'technique',
			...options
		})
	);
const at = (rows: Row[], series: string, time: number) =>
	rows.find((r) => r.series === series && r.time === time)!;

describe('trendQuery against the reference', () => {
	it.each(reference.cases.map((c) => [c.name, c] as const))('%s', async (name, c) => {
		const got = await run(db, trendQuery(c.options as unknown as TrendOptions));
		expectRowsClose(got, c.expected, name);
	});
});

describe('trendQuery', () => {
	it('follows change within episodes where raw means are pulled up by who is left', async () => {
		const filter = { sql: 'condition::VARCHAR = ?', params: ['Low back pain'] };
		const raw = await trend({ kind: 'raw', filter, minPatients: 1 });
		const paired = await trend({ kind: 'paired', filter, minPatients: 1 });
		// After session 3 only the episodes that started in more pain are still coming: mean pain
		// rises although every one of them keeps improving on its own baseline.
		expect(Number(at(raw, 'Swedish', 4).mean)).toBeGreaterThan(Number(at(raw, 'Swedish', 3).mean));
		expect(Number(at(paired, 'Swedish', 4).mean)).toBeGreaterThanOrEqual(
			Number(at(paired, 'Swedish', 3).mean)
		);
		expect(at(raw, 'Swedish', 4).n).toBeLessThan(Number(at(raw, 'Swedish', 3).n));
	});

	it('starts the paired trend at 0 among the episodes with a baseline', async () => {
		const raw = await trend({ kind: 'raw', minPatients: 1 });
		const paired = await trend({ kind: 'paired', minPatients: 1 });
		const first = at(paired, 'Swedish', 1);
		expect(first).toMatchObject({ mean: 0, sd: 0, lo: 0, hi: 0 });
		// The episode without a baseline has raw values from session 2 on, no change at all.
		expect(Number(at(raw, 'Swedish', 2).n) - Number(at(paired, 'Swedish', 2).n)).toBe(1);
	});

	it('counts an episode once per week however many sessions it had that week', async () => {
		const rows = await trend({ axis: 'week', kind: 'raw', minPatients: 1 });
		const weekZero = rows.filter((r) => r.time === 0);
		const sessionsOne = await trend({ kind: 'raw', minPatients: 1 });
		// Sessions 1 and 2 both fall in week 0; the week counts the episodes of session 1 (plus
		// the one whose first recorded value is session 2).
		for (const r of weekZero) {
			expect(Number(r.n)).toBe(
				Number(at(sessionsOne, String(r.series), 1).n) + (r.series === 'Swedish' ? 1 : 0)
			);
		}
	});

	it('binds the small-cell threshold and suppresses inside the engine', async () => {
		const spec = trendQuery({
			measure: 'pain',
			filter: all,
			axis: 'time',
			kind: 'raw',
			by: 'technique',
			facet: 'condition',
			minPatients: 4
		});
		expect(spec.params?.at(-1)).toBe(4);
		const rows = await run(db, spec);
		const neckDeep = rows.filter((r) => r.facet === 'Neck pain' && r.series === 'Deep tissue');
		expect(neckDeep.length).toBeGreaterThan(0);
		for (const r of neckDeep)
			expect(r).toMatchObject({ suppressed: true, mean: null, sd: null, lo: null, hi: null });
	});

	it('reads only the chosen measure and treats hostile text as data', async () => {
		expect(await trend({ measure: 'sleep', minPatients: 1 })).toHaveLength(2);
		const filter = { sql: 'condition::VARCHAR = ?', params: ["x' OR 1=1 --"] };
		expect(await trend({ filter })).toEqual([]);
		expect(() =>
			trendQuery({
				measure: 'pain',
				filter: all,
				axis: 'day' as never,
				kind: 'raw',
				by: 'technique'
			})
		).toThrow(/Unknown trend axis/);
	});
});
