import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	referenceEpisodes,
	referenceTrend,
	type ReferencePoint
} from '../../../tests/reference/trend-reference';
import { dbWithCsv, readSampleCsv, rows } from '../../../tests/support/db';
import { trendQuery, type TrendFilter } from './trend';

const fixture = readFileSync(
	new URL('../../../tests/fixtures/small-sessions.csv', import.meta.url),
	'utf8'
);

type Row = ReferencePoint & { sd: number | null };

async function trendRows(csv: string, filter: TrendFilter): Promise<Row[]> {
	const { db } = await dbWithCsv(csv);
	try {
		const { sql, params } = trendQuery(filter);
		return await rows<Row>(db, sql, params as (string | number | null)[]);
	} finally {
		await db.close();
	}
}

async function compareWithReference(csv: string, filter: TrendFilter, range: [number, number]) {
	const got = await trendRows(csv, filter);
	const { measure, condition, minPatients } = filter;
	const expected = referenceTrend(csv, measure, range, condition, minPatients);
	const key = (p: ReferencePoint) => `${p.technique}#${p.time}`;
	expect(got.map(key).sort()).toEqual(expected.map(key).sort());
	const byKey = new Map(got.map((p) => [key(p), p]));
	for (const e of expected) {
		const g = byKey.get(key(e))!;
		expect({ n: g.n, patients: g.patients, suppressed: g.suppressed }, key(e)).toEqual({
			n: e.n,
			patients: e.patients,
			suppressed: e.suppressed
		});
		for (const stat of ['mean', 'lo', 'hi'] as const) {
			if (e[stat] === null) expect(g[stat], `${key(e)} ${stat}`).toBeNull();
			else expect(g[stat]).toBeCloseTo(e[stat], 9);
		}
	}
	return got;
}

describe('trendQuery', () => {
	it('builds its reference from a fixture where one patient has several episodes', () => {
		const p6 = referenceEpisodes(fixture).filter((e) => e.patient === 'P6');
		// Two conditions, and low back pain restarted after a gap of more than 90 days.
		expect(p6.map((e) => [e.condition, e.sessions.length])).toEqual([
			['Low back pain', 2],
			['Neck pain', 1],
			['Low back pain', 2]
		]);
	});

	it('counts episodes as n and the patients behind them, with the shown statistics', async () => {
		const got = await compareWithReference(
			fixture,
			{ measure: 'pain', condition: null, minPatients: 1 },
			[0, 10]
		);
		// Deep tissue session 1: P1 (7), P2 (8) and three episodes of P6 (8, 5, 9).
		const first = got.find((p) => p.technique === 'Deep tissue' && p.time === 1)!;
		expect(first).toMatchObject({ n: 5, patients: 3, mean: 7.4, suppressed: false });
		const sd = Math.sqrt((0.16 + 0.36 + 0.36 + 5.76 + 2.56) / 4);
		expect(first.hi! - first.mean!).toBeCloseTo(2.7764451 * (sd / Math.sqrt(5)), 6);
	});

	it('suppresses, inside the engine, every point describing fewer patients than the threshold', async () => {
		const got = await compareWithReference(fixture, { measure: 'pain', condition: null }, [0, 10]);
		// Five episodes are not five patients: the point says "too few patients", not a mean.
		const first = got.find((p) => p.technique === 'Deep tissue' && p.time === 1)!;
		expect(first).toEqual({
			technique: 'Deep tissue',
			time: 1,
			n: 5,
			patients: 3,
			suppressed: true,
			mean: null,
			sd: null,
			lo: null,
			hi: null
		});
		// With 5 patients at most, no statistic of this file may leave the engine at the default.
		expect(got.every((p) => p.suppressed)).toBe(true);
		expect(got.flatMap((p) => [p.mean, p.sd, p.lo, p.hi]).every((v) => v === null)).toBe(true);
	});

	it('takes the threshold as a bound parameter', async () => {
		const spec = trendQuery({ measure: 'pain', condition: null, minPatients: 3 });
		expect(spec.params?.at(-1)).toBe(3);
		const got = await compareWithReference(
			fixture,
			{ measure: 'pain', condition: null, minPatients: 3 },
			[0, 10]
		);
		expect(got.filter((p) => !p.suppressed).map((p) => [p.technique, p.time])).toEqual([
			['Deep tissue', 1],
			['Deep tissue', 2],
			['Swedish', 1]
		]);
	});

	it('filters by condition and measure', async () => {
		const got = await compareWithReference(
			fixture,
			{ measure: 'stress', condition: 'Neck pain', minPatients: 1 },
			[0, 10]
		);
		expect(new Set(got.map((p) => p.technique))).toEqual(new Set(['Deep tissue', 'Swedish']));
	});

	it('treats a hostile condition value as data, not SQL', async () => {
		expect(await trendRows(fixture, { measure: 'pain', condition: "x' OR 1=1 --" })).toEqual([]);
	});

	it('matches the independent computation on the bundled sample, per condition', async () => {
		const csv = readSampleCsv();
		await compareWithReference(csv, { measure: 'pain', condition: null }, [0, 10]);
		await compareWithReference(csv, { measure: 'sleep', condition: 'Low back pain' }, [0, 10]);
	});
});
