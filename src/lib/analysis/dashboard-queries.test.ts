import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../engine/engine';
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
});
afterAll(() => db.close());

/** Included episodes and patients under the whole state's filters, as the matrix counts them. */
async function total(state: AnalysisState) {
	const spec = summaryQuery({ measure: 'pain', filter: whereSql(clausesFromState(state)), by: [] });
	const [row] = await run(db, spec);
	return { n: row?.n ?? 0, patients: row?.patients ?? 0 };
}

describe('chipsQuery', () => {
	it('counts, for each chip, what the state with every later chip removed leaves', async () => {
		const state = defaultState();
		state.filters.clinic = ['North', 'South'];
		state.filters.condition = ['Low back pain', 'Neck pain'];
		state.filters.sex = ['F'];
		// A chart's selection on a field the filter bar also filters: their intersection.
		state.select.condition = 'Low back pain';
		const chips = activeChips(state);
		expect(chips.map((c) => c.key)).toEqual(['clinic', 'condition', 'sex', 'matrix']);
		const [row] = await run(db, chipsQuery(state, 'pain')!);
		for (const [i] of chips.entries()) {
			const upTo = chips.slice(i + 1).reduce((s, chip) => chip.remove(s), state);
			const want = await total(upTo);
			expect([row?.[`n_${i + 1}`], row?.[`patients_${i + 1}`]], chips[i]!.label).toEqual([
				want.n,
				want.patients
			]);
		}
		expect(row?.n_4).toBeLessThan(Number(row?.n_3));
	});

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
	const typed =
		/\(SELECT \?::(VARCHAR|DOUBLE|BOOLEAN)\)|(\(SELECT )?\[\?::(VARCHAR|DOUBLE)(, \?::(VARCHAR|DOUBLE))*\]\)?|\(\?::VARCHAR\)::DATE/g;

	it('types every placeholder as duckdb-wasm binds the value, so no run plans for a type change', () => {
		const specs = PANELS.map((panel) => ({
			panel,
			spec: dashboardQuery(panel, { state, measure: 'pain', focus: 'Low back pain' })!
		}));
		for (const { panel, spec } of [
			...specs,
			{ panel: 'chips', spec: chipsQuery(state, 'pain')! }
		]) {
			const placeholders = spec.sql.match(/\?/g)?.length ?? 0;
			expect(placeholders, panel).toBe(spec.params?.length);
			expect(spec.sql.replace(typed, 'x'), panel).not.toContain('?');
		}
	});
});
