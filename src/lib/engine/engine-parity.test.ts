import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW, readSampleCsv } from '../../../tests/support/db';
import { chipsQuery, dashboardQuery, PANELS } from '../analysis/dashboard-queries';
import {
	caseMixQuery,
	kpisQuery,
	overallQuery,
	providersQuery
} from '../analysis/director-queries';
import { importFiles } from '../import/import-files';
import { defaultState, type AnalysisState } from '../state/analysis-state';
import { installTQuantiles } from '../stats/t-quantiles';
import type { LocalEngine, QuerySpec } from './engine';
import { createNativeEngine } from './native-engine';
import { createNodeEngine } from './node-engine';
import { rowObjects } from './rows';

/**
 * The same SQL on duckdb-wasm (Node) and native DuckDB gives the same answers: the bundled sample
 * imported by the same pipeline on each, then every chart of the analysis page (and its filter
 * chips) and of the director's page, in a few states. Doubles are compared to 12 significant digits: native DuckDB adds up in
 * parallel, so the last bits of a sum may differ; every count, label and NULL must be equal.
 */
async function imported(engine: LocalEngine): Promise<LocalEngine> {
	await installTQuantiles(engine);
	const source = { name: 'sessions.csv', blob: new Blob([readSampleCsv()]) };
	await importFiles(engine, [source], { now: TEST_NOW });
	return engine;
}

let wasm: LocalEngine;
let native: LocalEngine;
beforeAll(async () => {
	[wasm, native] = await Promise.all([
		createNodeEngine().then(imported),
		createNativeEngine().then(imported)
	]);
}, 120_000);
afterAll(async () => {
	await wasm.close();
	await native.close();
});

const rounded = (v: unknown) =>
	typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v;

/** Rows as comparable JSON lines, sorted (a query without ORDER BY has no fixed order). */
async function answer(engine: LocalEngine, spec: QuerySpec): Promise<string[]> {
	const rows = rowObjects(await engine.query(spec));
	return rows
		.map((row) => JSON.stringify(Object.entries(row).map(([k, v]) => [k, rounded(v)])))
		.sort();
}

function states(): [string, AnalysisState][] {
	const filtered = defaultState();
	filtered.filters.clinic = ['Riverside Clinic'];
	filtered.filters.sex = ['F'];
	const selected = defaultState();
	selected.select.condition = 'Low back pain';
	return [
		['no filter', defaultState()],
		['clinic and sex filtered', filtered],
		['a matrix cell selected', selected]
	];
}

describe('engine parity on the bundled sample', () => {
	it('imports the same tables', async () => {
		const counts = {
			sql: `SELECT (SELECT count(*) FROM sessions) AS sessions,
				(SELECT count(*) FROM episode_measures) AS episode_measures,
				(SELECT count(*) FROM import_problems) AS problems`
		};
		expect(await answer(native, counts)).toEqual(await answer(wasm, counts));
		const [row] = rowObjects<{ sessions: number }>(await native.query(counts));
		expect(row?.sessions).toBeGreaterThan(1000);
	});

	it.each(states())('every analysis and director chart answers the same: %s', async (_, state) => {
		const context = { state, measure: 'pain', focus: 'Low back pain' };
		const specs = PANELS.map((panel) => dashboardQuery(panel, context));
		specs.push(chipsQuery(state, 'pain'));
		for (const director of [providersQuery, caseMixQuery, kpisQuery, overallQuery]) {
			specs.push(director(context));
		}
		let compared = 0;
		for (const spec of specs) {
			if (!spec) continue;
			const expected = await answer(wasm, spec);
			expect(await answer(native, spec), spec.sql).toEqual(expected);
			compared += expected.length;
		}
		expect(compared).toBeGreaterThan(10);
	});
});
