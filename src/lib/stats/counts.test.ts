import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../engine/engine';
import type { Clause, SqlFilter } from '../selection/clause';
import { whereSql } from './where';
import { chipCountsQuery } from './chip-counts';
import { binWidthSql, distributionQuery } from './distribution';
import {
	expectRowsClose,
	readReference,
	referenceDb,
	run,
	type ReferenceCase,
	type Row
} from './reference.test-support';

const reference = readReference<{
	episode_measures: Row[];
	measures: Row[];
	cases: ReferenceCase[];
}>('episode-measures.json');
const cases = (builder: string) =>
	reference.cases.filter((c) => c.builder === builder).map((c) => [c.name, c] as const);
const widths = readReference<{ min: number; max: number; width: number }[]>('bin-widths.json');

let db: LocalEngine;
beforeAll(async () => {
	db = await referenceDb(reference);
});
afterAll(() => db.close());

describe('distributionQuery', () => {
	it.each(cases('distribution'))('%s', async (name, c) => {
		const options = c.options as { measure: string; filter: SqlFilter; minPatients: number };
		expectRowsClose(await run(db, distributionQuery(options)), c.expected, name);
	});

	it('keeps only the totals of a small cell: not even the range of values', async () => {
		const [, small] = cases('distribution').find(([name]) => name.includes('small'))!;
		expect(small.expected).toEqual([
			{ x0: null, x1: null, count: null, n: 2, patients: 2, suppressed: true }
		]);
	});

	it.each(widths.map((w) => [w.min, w.max, w.width] as const))(
		'bins a %d–%d scale %d wide',
		async (min, max, width) => {
			const [row] = await run(db, {
				sql: `SELECT ${binWidthSql('lo', 'hi')} AS w FROM (VALUES (?::DOUBLE, ?::DOUBLE)) s(lo, hi)`,
				params: [min, max]
			});
			expect(row?.w).toBeCloseTo(width, 12);
		}
	);
});

describe('chipCountsQuery', () => {
	it.each(cases('chipCounts'))('%s', async (name, c) => {
		const options = c.options as { measure: string; chips: SqlFilter[] };
		expectRowsClose(await run(db, chipCountsQuery(options)), c.expected, name);
	});

	it('takes whereSql filters as the page builds them, each chip narrowing the one before', async () => {
		const condition: Clause = { source: 'filters', field: 'condition', values: ['Neck pain'] };
		const sex: Clause = { source: 'filters', field: 'sex', values: ['F'] };
		const spec = chipCountsQuery({
			measure: 'pain',
			chips: [whereSql([condition]), whereSql([sex])]
		});
		const [row] = await run(db, spec);
		expect(row).toMatchObject({ n_1: 9 });
		const [both] = await run(
			db,
			chipCountsQuery({ measure: 'pain', chips: [whereSql([condition, sex])] })
		);
		expect(row?.n_2).toBe(both?.n_1);
		expect(Number(row?.n_2)).toBeLessThan(9);
	});

	it('counts zero, not null, where no episode has the measure', async () => {
		const sex: Clause = { source: 'filters', field: 'sex', values: ['F'] };
		const [row] = await run(db, chipCountsQuery({ measure: 'stress', chips: [whereSql([sex])] }));
		expect(row).toEqual({ n_1: 0, patients_1: 0 });
	});
});
