import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../engine/engine';
import type { SqlFilter } from '../selection/clause';
import { kpiQuery } from './director-kpis';
import {
	readReference,
	referenceDb,
	runCase,
	type OwnDataCase,
	type Row
} from './reference.test-support';

// Expected rows from scripts/reference/director_reference.py, counted one episode at a time.
interface KpiCase extends OwnDataCase {
	options: { measure: string; filter: SqlFilter; threshold?: number };
}
const source = readReference<{ episode_measures: Row[]; measures: Row[] }>('episode-measures.json');
const { cases } = readReference<{ cases: KpiCase[] }>('director-kpis.json');

let db: LocalEngine;
beforeAll(async () => {
	db = await referenceDb(source);
});
afterAll(() => db.close());

describe('kpiQuery', () => {
	it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) =>
		runCase(db, source, c, kpiQuery(c.options))
	);

	it('has dropouts and episodes still under way to tell apart in its fixture', () => {
		const [everyone] = cases[0]!.expected;
		expect(Number(everyone?.dropouts)).toBeGreaterThan(0);
		expect(Number(everyone?.ended)).toBeLessThan(Number(everyone?.episodes));
	});
});
