import { describe, expect, it } from 'vitest';
import { createNodeConnector } from './node-connector';
import { Coordinator } from './coordinator';

describe('Coordinator', () => {
	it('starts the engine once, lazily, and runs specs with bound parameters', async () => {
		let starts = 0;
		const coordinator = new Coordinator(async () => {
			starts++;
			return createNodeConnector();
		});
		expect(starts).toBe(0);
		const table = await coordinator.query({ sql: 'SELECT ?::INTEGER + 1 AS v', params: [41] });
		await coordinator.query({ sql: 'SELECT 2 AS v' });
		expect(starts).toBe(1);
		expect(table.getChild('v')?.get(0)).toBe(42);
		await (await coordinator.db()).close();
	});

	it('caches until invalidated, so new data is never hidden by an old answer', async () => {
		const coordinator = new Coordinator(createNodeConnector);
		const db = await coordinator.db();
		await db.query('CREATE TABLE t AS SELECT 1 AS v');
		const spec = { sql: 'SELECT count(*)::INTEGER AS n FROM t' };
		expect((await coordinator.query(spec)).getChild('n')?.get(0)).toBe(1);
		await db.query('INSERT INTO t VALUES (2)');
		expect((await coordinator.query(spec)).getChild('n')?.get(0)).toBe(1);
		coordinator.invalidate();
		expect((await coordinator.query(spec)).getChild('n')?.get(0)).toBe(2);
		await db.close();
	});

	it('does not cache failures', async () => {
		const coordinator = new Coordinator(createNodeConnector);
		const db = await coordinator.db();
		const spec = { sql: 'SELECT count(*)::INTEGER AS n FROM later' };
		await expect(coordinator.query(spec)).rejects.toThrow(/later/);
		await db.query('CREATE TABLE later AS SELECT 1 AS v');
		expect((await coordinator.query(spec)).getChild('n')?.get(0)).toBe(1);
		await db.close();
	});
});
