import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../engine/engine';
import type { SqlFilter } from '../selection/clause';
import { caseMixSharesQuery, type MixFactor } from './case-mix-shares';
import type { Provider } from './provider-comparison';
import {
	readReference,
	referenceDb,
	run,
	runCase,
	type OwnDataCase,
	type Row
} from './reference.test-support';

// Expected rows from scripts/reference/director_reference.py, counted one episode at a time.
interface SharesCase extends OwnDataCase {
	options: {
		measure: string;
		by: Provider;
		factor: MixFactor;
		filter: SqlFilter;
		minPatients: number;
	};
}
const source = readReference<{ episode_measures: Row[]; measures: Row[] }>('episode-measures.json');
const { cases } = readReference<{ cases: SharesCase[] }>('case-mix-shares.json');

let db: LocalEngine;
beforeAll(async () => {
	db = await referenceDb(source);
});
afterAll(() => db.close());

describe('caseMixSharesQuery', () => {
	it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) =>
		runCase(db, source, c, caseMixSharesQuery(c.options))
	);

	it('gives every provider shown a mix that adds up to all its episodes', async () => {
		const options = cases[0]!.options;
		const rows = await run(db, caseMixSharesQuery(options));
		const byProvider = Map.groupBy(rows, (r) => r.provider);
		expect(byProvider.size).toBeGreaterThan(1);
		for (const mix of byProvider.values()) {
			expect(mix.reduce((sum, r) => sum + Number(r.share), 0)).toBeCloseTo(1, 12);
			expect(mix.reduce((sum, r) => sum + Number(r.episodes), 0)).toBe(mix[0]!.n);
		}
	});

	it('keeps a small caseload’s n and no shares', () => {
		const small = cases.flatMap((c) => c.expected).filter((r) => r.suppressed);
		expect(small.length).toBeGreaterThan(0);
		for (const row of small) expect([row.episodes, row.share]).toEqual([null, null]);
	});

	it('refuses a factor the model does not have, and a grouping that is not a provider', () => {
		const options = { ...cases[0]!.options };
		expect(() => caseMixSharesQuery({ ...options, factor: 'sex' as MixFactor })).toThrow();
		expect(() => caseMixSharesQuery({ ...options, by: 'sex' as Provider })).toThrow();
	});
});
