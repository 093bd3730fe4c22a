import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../engine/engine';
import { caseMixSql } from '../model/case-mix-sql';
import type { SqlFilter } from '../selection/clause';
import { providerComparisonQuery, type Provider } from './provider-comparison';
import {
	readReference,
	referenceDb,
	runCase,
	type OwnDataCase,
	type Row
} from './reference.test-support';

// Expected rows from scripts/reference/director_reference.py: a NumPy lstsq fit of the full
// design matrix, never the SQL's cell sums and elimination.
interface CaseMixCase extends OwnDataCase {
	options: { measure: string; by: Provider; filter: SqlFilter; minPatients: number };
}
const source = readReference<{ episode_measures: Row[]; measures: Row[] }>('episode-measures.json');
const { cases } = readReference<{ cases: CaseMixCase[] }>('case-mix.json');

/** The fit as an import stores it, for every measure of the fixture. */
async function fit(db: LocalEngine): Promise<void> {
	const caseMix = caseMixSql('episode_measures', {
		expected: 'episode_expected',
		fit: 'case_mix_fit'
	});
	for (const sql of caseMix.create) await db.query({ sql });
	for (const measure of ['pain', 'sleep'])
		for (const statement of caseMix.insert(measure)) await db.query(statement);
}

let db: LocalEngine;
beforeAll(async () => {
	db = await referenceDb(source);
	await fit(db);
});
afterAll(() => db.close());

describe('providerComparisonQuery', () => {
	it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) =>
		runCase(db, source, c, providerComparisonQuery(c.options), fit)
	);

	it('drops an aliased level instead of failing: the rank falls, the fit stays least squares', () => {
		const aliased = cases.find((c) => c.episode_measures)!;
		const full = cases.find((c) => c.name === 'pain by clinic')!;
		expect(aliased.expected[0]?.model_rank).toBeLessThan(Number(full.expected[0]?.model_rank));
	});

	it('keeps a small caseload’s n and nothing else', () => {
		const small = cases.flatMap((c) => c.expected).filter((r) => r.suppressed);
		expect(small.length).toBeGreaterThan(0);
		for (const row of small)
			expect([row.difference, row.ci_low, row.z]).toEqual([null, null, null]);
	});

	it('refuses a grouping that is not a provider', () => {
		const options = { measure: 'pain', filter: { sql: 'TRUE', params: [] } };
		expect(() => providerComparisonQuery({ ...options, by: 'sex' as Provider })).toThrow();
	});
});
