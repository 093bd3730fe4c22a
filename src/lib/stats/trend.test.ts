import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referenceTrend, type ReferencePoint } from '../../../tests/reference/trend-reference';
import { dbWithCsv, readSampleCsv, rows } from '../../../tests/support/db';
import { trendQuery, type TrendFilter } from './trend';

const fixture = readFileSync(
	new URL('../../../tests/fixtures/small-sessions.csv', import.meta.url),
	'utf8'
);

async function compareWithReference(csv: string, filter: TrendFilter, range: [number, number]) {
	const { db } = await dbWithCsv(csv);
	const { sql, params } = trendQuery(filter);
	const got = await rows<ReferencePoint>(db, sql, params as (string | null)[]);
	await db.close();
	const expected = referenceTrend(csv, filter.measure, range, filter.condition);
	const key = (p: ReferencePoint) => `${p.technique}#${p.time}`;
	expect(got.map(key).sort()).toEqual(expected.map(key).sort());
	const byKey = new Map(got.map((p) => [key(p), p]));
	for (const e of expected) {
		const g = byKey.get(key(e))!;
		expect(g.n).toBe(e.n);
		expect(g.mean).toBeCloseTo(e.mean, 10);
		if (e.lo === null) expect(g.lo).toBeNull();
		else expect(g.lo).toBeCloseTo(e.lo, 9);
		if (e.hi === null) expect(g.hi).toBeNull();
		else expect(g.hi).toBeCloseTo(e.hi, 9);
	}
	return got;
}

describe('trendQuery', () => {
	it('matches an independent computation on a hand-made file, all conditions', async () => {
		const got = await compareWithReference(fixture, { measure: 'pain', condition: null }, [0, 10]);
		// Deep tissue session 1 = P1 (7) and P2 (8): mean 7.5, t(0.975, 1) · SD/√2 = 6.353…
		const first = got.find((p) => p.technique === 'Deep tissue' && p.time === 1)!;
		expect(first).toMatchObject({ n: 2, mean: 7.5 });
		expect(first.hi! - first.mean).toBeCloseTo(12.7062047 * (Math.SQRT1_2 / Math.SQRT2), 5);
	});

	it('filters by condition and measure', async () => {
		const got = await compareWithReference(
			fixture,
			{ measure: 'stress', condition: 'Neck pain' },
			[0, 10]
		);
		expect(new Set(got.map((p) => p.technique))).toEqual(new Set(['Swedish']));
	});

	it('treats a hostile condition value as data, not SQL', async () => {
		const { db } = await dbWithCsv(fixture);
		const { sql, params } = trendQuery({ measure: 'pain', condition: "x' OR 1=1 --" });
		expect(await rows(db, sql, params as string[])).toEqual([]);
		await db.close();
	});

	it('matches the independent computation on the bundled sample, per condition', async () => {
		const csv = readSampleCsv();
		await compareWithReference(csv, { measure: 'pain', condition: null }, [0, 10]);
		await compareWithReference(csv, { measure: 'sleep', condition: 'Low back pain' }, [0, 10]);
	});
});
