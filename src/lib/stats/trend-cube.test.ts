import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../engine/engine';
import { trendCubeSql } from '../model/trend-cube-sql';
import type { Clause } from '../selection/clause';
import {
	expectRowsClose,
	readReference,
	referenceDb,
	run,
	type Row
} from './reference.test-support';
import { trendQuery, type TrendField } from './trend';
import { cubeTrendQuery, trendCubeAnswers, type CubeTrendOptions } from './trend-cube';
import { whereSql } from './where';

// The trend reference's points, plus a second episode for some patients in the same condition
// and technique (episode numbers shifted, patient kept): those points are not flagged, and a
// cell must count each such patient once.
const reference = readReference<{ episode_points: Row[] }>('trend.json');
const again = reference.episode_points
	.filter((r) => Number(r.patient_no) % 3 === 0)
	.map((r) => ({ ...r, episode: Number(r.episode) + 1000, value: Number(r.value ?? 0) + 1 }));
const points = [...reference.episode_points, ...again];

let db: LocalEngine;
beforeAll(async () => {
	db = await referenceDb({ episode_points: points });
	await db.query({ sql: trendCubeSql('episode_points', 'trend_cube') });
});
afterAll(() => db.close());

const f = 'filters';
const FILTERS: [string, Clause[]][] = [
	['no filter', []],
	['one clinic', [{ source: f, field: 'clinic', values: ['North'] }]],
	[
		'sex and a length band',
		[
			{ source: f, field: 'sex', values: ['F'] },
			{ source: f, field: 'length_band', values: [45] }
		]
	],
	['a label no row has', [{ source: f, field: 'clinic', values: ['Nowhere'] }]]
];
const SPLITS: [TrendField, TrendField][] = [
	['technique', 'condition'],
	['condition', 'technique']
];

describe('cubeTrendQuery', () => {
	it('has patients with two episodes in one cell, so patients and n differ', async () => {
		const [row] = await run(db, {
			sql: `SELECT count(*)::INTEGER AS points FROM episode_points WHERE NOT alone_by_condition_technique`
		});
		expect(row?.points).toBeGreaterThan(0);
	});

	for (const [label, clauses] of FILTERS)
		for (const kind of ['paired', 'raw'] as const)
			for (const [by, facet] of SPLITS)
				it(`gives trendQuery's rows: ${label}, ${kind}, ${by} lines in ${facet} panels`, async () => {
					for (const measure of ['pain', 'sleep']) {
						const options: CubeTrendOptions = {
							measure,
							axis: 'time',
							kind,
							by,
							facet,
							clauses,
							minPatients: 2
						};
						expect(trendCubeAnswers(options)).toBe(true);
						const want = await run(db, trendQuery({ ...options, filter: whereSql(clauses) }));
						if (label === 'no filter') expect(want.length).toBeGreaterThan(0);
						expectRowsClose(await run(db, cubeTrendQuery(options)), want, `${label}, ${measure}`);
					}
				});

	it('leaves to the points what it does not hold: weeks, a therapist, dates, one panel', () => {
		const base: CubeTrendOptions = {
			measure: 'pain',
			axis: 'time',
			kind: 'paired',
			by: 'technique',
			facet: 'condition',
			clauses: []
		};
		expect(trendCubeAnswers({ ...base, axis: 'week' })).toBe(false);
		expect(trendCubeAnswers({ ...base, facet: null })).toBe(false);
		const therapist: Clause = { source: f, field: 'therapist', values: ['A. Lee'] };
		expect(trendCubeAnswers({ ...base, clauses: [therapist] })).toBe(false);
		const dated: Clause = { source: f, field: 'start_date', from: '2025-01-01', to: null };
		expect(trendCubeAnswers({ ...base, clauses: [dated] })).toBe(false);
		expect(() => cubeTrendQuery({ ...base, clauses: [dated] })).toThrow();
	});
});
