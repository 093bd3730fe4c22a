import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../engine/engine';
import { CUBES, episodeCubesSql } from '../model/episode-cube-sql';
import type { Clause } from '../selection/clause';
import { chipCountsQuery, cubeChipCountsQuery } from './chip-counts';
import { cubeFieldsFilter } from './cube-filter';
import { readReference, referenceDb, run, type Row } from './reference.test-support';
import { whereSql } from './where';

// chipCountsQuery is checked against the Python reference (counts.test.ts); the cube's version
// must give its numbers, whatever the chips.
const reference = readReference<{ episode_measures: Row[] }>('episode-measures.json');
let db: LocalEngine;
beforeAll(async () => {
	db = await referenceDb(reference);
	for (const sql of episodeCubesSql('episode_measures')) await db.query({ sql });
});
afterAll(() => db.close());

const f = 'filters';
const clinics: Clause = { source: f, field: 'clinic', values: ['North', 'South'] };
const CHIPS: [string, Clause[][]][] = [
	['one chip', [[clinics]]],
	[
		'narrowing, text and numbers',
		[
			[{ source: f, field: 'condition', values: ['Low back pain', 'Neck pain'] }],
			[{ source: f, field: 'technique', values: ['Deep tissue', 'Swedish', 'Swedish'] }],
			[{ source: f, field: 'length_band', values: [30, 45] }],
			[{ source: f, field: 'sex', values: ['F'] }]
		]
	],
	[
		'a chip of two clauses on one field, and one keeping nothing in common',
		[
			[clinics, { source: 'matrix', field: 'clinic', values: ['North'] }],
			[
				{ source: f, field: 'age_band', values: ['40–49'] },
				{ source: 'matrix', field: 'age_band', values: ['50–59'] }
			]
		]
	],
	['a label no row has', [[{ source: f, field: 'therapist', values: ['Nobody'] }], [clinics]]],
	[
		'more values than four slots',
		[[{ source: f, field: 'therapist', values: ['A. Lee', 'B. Ng', 'D. Roe', 'E. Poe', 'F. Fay'] }]]
	]
];

describe('cubeChipCountsQuery', () => {
	it('has returning patients in several cube rows to count once', async () => {
		const [row] = await run(db, {
			sql: `SELECT count(*)::INTEGER AS rows FROM episode_cube
				WHERE measure = 'pain' AND len(single_episode_others) > 0`
		});
		expect(row?.rows).toBeGreaterThan(1);
	});

	// From every cube that keeps the chips' fields: the pooled one too where no therapist is chosen.
	const holding = (chips: Clause[][]) =>
		CUBES.filter((c) => chips.flat().every((k) => c.fields.some((f) => f === k.field)));

	it.each(CHIPS)('gives the episodes’ counts: %s', async (_, chips) => {
		expect(holding(chips).length).toBeGreaterThan(0);
		for (const measure of ['pain', 'sleep']) {
			const fromEpisodes = chipCountsQuery({ measure, chips: chips.map((c) => whereSql(c)) });
			const want = await run(db, fromEpisodes);
			expect(Object.keys(want[0]!)).toHaveLength(2 * chips.length);
			for (const cube of holding(chips)) {
				const fromCube = cubeChipCountsQuery({
					measure,
					cube: cube.table,
					chips: chips.map((c) => cubeFieldsFilter(c, cube))
				});
				expect(await run(db, fromCube), `${measure}, ${cube.table}`).toEqual(want);
			}
		}
	});

	it('reads the pooled cube unless a therapist is chosen', () => {
		expect(holding(CHIPS[1]![1]).map((c) => c.table)).toEqual([
			'episode_cube_pooled',
			'episode_cube'
		]);
		expect(holding(CHIPS[3]![1]).map((c) => c.table)).toEqual(['episode_cube']);
	});
});
