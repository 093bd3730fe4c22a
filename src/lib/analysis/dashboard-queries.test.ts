import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../engine/engine';
import { episodeCubesSql } from '../model/episode-cube-sql';
import { activeChips } from '../state/analysis-chips';
import { defaultState, type AnalysisState } from '../state/analysis-state';
import { clausesFromState } from '../state/analysis-url';
import { readReference, referenceDb, run, type Row } from '../stats/reference.test-support';
import { summaryQuery } from '../stats/summary';
import { whereSql } from '../stats/where';
import { chipsQuery, dashboardQuery, PANELS } from './dashboard-queries';

const reference = readReference<{ episode_measures: Row[] }>('episode-measures.json');
let db: LocalEngine;
beforeAll(async () => {
	db = await referenceDb(reference);
	for (const sql of episodeCubesSql('episode_measures')) await db.query({ sql });
});
afterAll(() => db.close());

/** Included episodes and patients under the whole state's filters, as the matrix counts them. */
async function total(state: AnalysisState) {
	const spec = summaryQuery({ measure: 'pain', filter: whereSql(clausesFromState(state)), by: [] });
	const [row] = await run(db, spec);
	return { n: row?.n ?? 0, patients: row?.patients ?? 0 };
}

describe('chipsQuery', () => {
	// Chips on the cube's fields are added up from episode_cube; a date range reads the episodes.
	const onCube = defaultState();
	onCube.filters.clinic = ['North', 'South'];
	onCube.filters.condition = ['Low back pain', 'Neck pain'];
	onCube.filters.sex = ['F'];
	// A chart's selection on a field the filter bar also filters: their intersection.
	onCube.select.condition = 'Low back pain';
	const withDates: AnalysisState = {
		...onCube,
		filters: { ...onCube.filters, from: '2024-01-01' }
	};

	it.each([
		['on the cube', onCube, 'episode_cube', ['clinic', 'condition', 'sex', 'matrix']],
		[
			'with a date range',
			withDates,
			'episode_measures',
			['clinic', 'condition', 'sex', 'dates', 'matrix']
		]
	])(
		'counts, for each chip, what the state with every later chip removed leaves (%s)',
		async (_, state, table, keys) => {
			const chips = activeChips(state);
			expect(chips.map((c) => c.key)).toEqual(keys);
			const spec = chipsQuery(state, 'pain')!;
			expect(spec.sql).toContain(`FROM ${table}`);
			const [row] = await run(db, spec);
			for (const [i] of chips.entries()) {
				const upTo = chips.slice(i + 1).reduce((s, chip) => chip.remove(s), state);
				const want = await total(upTo);
				expect([row?.[`n_${i + 1}`], row?.[`patients_${i + 1}`]], chips[i]!.label).toEqual([
					want.n,
					want.patients
				]);
			}
			expect(row?.[`n_${chips.length}`]).toBeLessThan(Number(row?.[`n_${chips.length - 1}`]));
		}
	);

	it('asks nothing when no chip is active', () => {
		expect(chipsQuery(defaultState(), 'pain')).toBeNull();
	});
});

describe('dashboardQuery', () => {
	const state = defaultState();
	state.filters.clinic = ['North', 'South'];
	state.filters.sex = ['F'];
	state.filters.length_band = [30, 45];
	state.filters.from = '2024-01-01';
	state.select.condition = 'Low back pain';
	state.select.sessions = 4;
	state.threshold = 2;
	state.target = 1;
	// A single value read through a one-row subquery; a filter's list as a constant; a date.
	// An IN's slots (the chips over the cube).
	const typed =
		/\(SELECT \?::(VARCHAR|DOUBLE|BOOLEAN)\)|(\(SELECT )?\[\?::(VARCHAR|DOUBLE)(, \?::(VARCHAR|DOUBLE))*\]\)?|\(\?::VARCHAR\)::DATE|IN \(\?::(VARCHAR|DOUBLE)(, \?::(VARCHAR|DOUBLE))*\)/g;

	it('types every placeholder as duckdb-wasm binds the value, so no run plans for a type change', () => {
		const specs = PANELS.map((panel) => ({
			panel,
			spec: dashboardQuery(panel, { state, measure: 'pain', focus: 'Low back pain' })!
		}));
		const cubeChips: AnalysisState = {
			...state,
			filters: { ...state.filters, from: null },
			select: { ...state.select, sessions: null }
		};
		expect(chipsQuery(cubeChips, 'pain')!.sql).toContain('FROM episode_cube');
		for (const { panel, spec } of [
			...specs,
			{ panel: 'chips', spec: chipsQuery(state, 'pain')! },
			{ panel: 'chips on the cube', spec: chipsQuery(cubeChips, 'pain')! }
		]) {
			const placeholders = spec.sql.match(/\?/g)?.length ?? 0;
			expect(placeholders, panel).toBe(spec.params?.length);
			expect(spec.sql.replace(typed, 'x'), panel).not.toContain('?');
		}
	});
});
