import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../engine/engine';
import { episodeCubesSql } from '../model/episode-cube-sql';
import type { Clause } from '../selection/clause';
import { EPISODE_MEASURES, loadTable } from './derived-tables.test-support';
import {
	expectRowsClose,
	readReference,
	referenceDb,
	run,
	type Row
} from './reference.test-support';
import { cubeAnswers, cubeSummaryQuery } from './summary-cube';
import { summaryQuery, type SummaryOptions } from './summary';
import { whereSql } from './where';

const reference = readReference<{ episode_measures: Row[] }>('episode-measures.json');
let db: LocalEngine;
beforeAll(async () => {
	db = await referenceDb(reference);
	for (const sql of episodeCubesSql('episode_measures')) await db.query({ sql });
});
afterAll(() => db.close());

const f = 'filters';
const FILTERS: [string, Clause[]][] = [
	['no filter', []],
	['two clinics', [{ source: f, field: 'clinic', values: ['North', 'South'] }]],
	[
		'technique and sex',
		[
			{ source: f, field: 'technique', values: ['Deep tissue', 'Swedish'] },
			{ source: f, field: 'sex', values: ['F'] }
		]
	],
	['a length band', [{ source: f, field: 'length_band', values: [45] }]],
	['a therapist (the full cube)', [{ source: f, field: 'therapist', values: ['A. Lee', 'B. Ng'] }]],
	['a label no row has', [{ source: f, field: 'clinic', values: ['Nowhere'] }]],
	[
		'a filter and a chart selection on one field',
		[
			{ source: f, field: 'length_band', values: [30, 45] },
			{ source: 'dose-length', field: 'length_band', values: [45] }
		]
	],
	[
		'two clauses keeping nothing in common',
		[
			{ source: f, field: 'length_band', values: [30] },
			{ source: 'dose-length', field: 'length_band', values: [45] }
		]
	]
];

describe('cubeSummaryQuery', () => {
	it('has patients with several episodes in one cell to count, as the matrix meets them', async () => {
		const [row] = await run(db, {
			sql: `SELECT count(*)::INTEGER AS n FROM episode_measures
				WHERE excluded IS NULL AND NOT alone_by_condition_technique`
		});
		expect(row?.n).toBeGreaterThan(0);
	});

	for (const by of [['condition', 'technique'], ['technique']] as SummaryOptions['by'][])
		for (const [label, clauses] of FILTERS)
			for (const measure of ['pain', 'sleep'])
				it(`gives summaryQuery's rows by ${by.join(' × ')}, ${label}, ${measure}`, async () => {
					const options: SummaryOptions = {
						measure,
						by,
						filter: whereSql(clauses),
						minPatients: 2
					};
					expect(cubeAnswers(by, clauses, options)).toBe(true);
					const want = await run(db, summaryQuery(options));
					expectRowsClose(await run(db, cubeSummaryQuery({ ...options, clauses })), want, label);
				});

	it('writes one SQL text a cube for every filter of up to four values a field', () => {
		const text = (clauses: Clause[]) =>
			cubeSummaryQuery({ measure: 'pain', by: ['condition', 'technique'], clauses }).sql;
		const pooled = FILTERS.slice(0, -1).filter(([, cs]) =>
			cs.every((c) => c.field !== 'therapist')
		);
		const texts = new Set(pooled.map(([, clauses]) => text(clauses)));
		expect(texts.size).toBe(1);
		const five = ['A', 'B', 'C', 'D', 'E'];
		expect(text([{ source: f, field: 'clinic', values: five }])).not.toBe([...texts][0]);
	});

	it('refuses a clause on a field the cube does not hold', () => {
		const dated: Clause = { source: f, field: 'start_date', from: '2025-01-01', to: null };
		expect(() =>
			cubeSummaryQuery({ measure: 'pain', by: ['technique'], clauses: [dated] })
		).toThrow(/no start_date/);
	});

	it('gives an SD of exactly 0, and no SRM, when every improvement is alike', async () => {
		const alike = await referenceDb({});
		const rows = Array.from({ length: 6 }, (_, i) => ({
			episode: i + 1,
			patient_no: i + 1,
			condition: 'Neck pain',
			technique: 'Swedish',
			measure: 'flexibility',
			baseline: 30.1,
			improvement: 0.1,
			responder: null,
			target_met: null,
			excluded: null
		}));
		await loadTable(alike, 'episode_measures', EPISODE_MEASURES, rows);
		for (const sql of episodeCubesSql('episode_measures')) await alike.query({ sql });
		const options = { measure: 'flexibility', by: ['technique'] as const, filter: whereSql([]) };
		const [got] = await run(alike, cubeSummaryQuery({ ...options, clauses: [] }));
		expect([got?.improvement_sd, got?.srm]).toEqual([0, null]);
		expectRowsClose([got!], await run(alike, summaryQuery(options)), 'alike');
		await alike.close();
	});
});

describe('cubeAnswers', () => {
	const matrix = ['condition', 'technique'] as const;
	const none = { threshold: null, target: null };
	it('takes the cube only for what it holds', () => {
		expect(cubeAnswers(matrix, FILTERS[2]![1], none)).toBe(true);
		expect(cubeAnswers(matrix, [], { threshold: 2, target: null })).toBe(false);
		expect(cubeAnswers(matrix, [], { threshold: null, target: 1 })).toBe(false);
		const dated: Clause = { source: f, field: 'start_date', from: '2025-01-01', to: null };
		expect(cubeAnswers(matrix, [dated], none)).toBe(false);
		const open: Clause = { source: f, field: 'start_date', from: null, to: null };
		expect(cubeAnswers(matrix, [open], none)).toBe(true);
		expect(cubeAnswers(matrix, [{ source: 'dose', field: 'sessions', values: [4] }], none)).toBe(
			false
		);
		// No patient flag for these groupings: distinct patients need every episode.
		expect(cubeAnswers(['condition'], [], none)).toBe(false);
		expect(cubeAnswers(['length_band'], [], none)).toBe(false);
	});
});
