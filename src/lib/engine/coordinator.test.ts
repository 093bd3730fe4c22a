import { afterEach, describe, expect, it } from 'vitest';
import { Coordinator } from './coordinator';
import type { LocalEngine, QuerySpec } from './engine';
import { createNodeEngine } from './node-engine';
import { QueryClient } from './query-client';
import { ResultCache } from './result-cache';

/**
 * A real DuckDB that records every statement it runs, and can hold chosen ones back until the
 * test lets them go: ordering is then decided by the test, not by timing luck.
 */
async function watchedEngine() {
	const engine = await createNodeEngine();
	const ran: string[] = [];
	const gates = new Map<string, Promise<void>>();
	const hold = (sql: string) => {
		let open!: () => void;
		gates.set(sql, new Promise<void>((resolve) => (open = resolve)));
		return () => open();
	};
	const watch = (inner: LocalEngine): LocalEngine => ({
		...inner,
		async query(spec: QuerySpec) {
			ran.push(spec.sql);
			await gates.get(spec.sql);
			return inner.query(spec);
		},
		async queryStatement(spec: QuerySpec, options) {
			ran.push(spec.sql);
			await gates.get(spec.sql);
			return inner.queryStatement(spec, options);
		},
		connect: async () => watch(await inner.connect())
	});
	return { engine: watch(engine), ran, hold, close: () => engine.close() };
}

const value = (t: { getChild(n: string): { get(i: number): unknown } | null }) =>
	t.getChild('v')?.get(0);
const tick = () => new Promise((r) => setTimeout(r, 5));

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const close of closers) await close();
	closers = [];
});
async function setup() {
	const watched = await watchedEngine();
	const coordinator = new Coordinator(async () => watched.engine);
	closers.push(watched.close);
	return { ...watched, coordinator };
}

describe('Coordinator reads', () => {
	it('starts the engine once, lazily, and binds parameters', async () => {
		let starts = 0;
		const coordinator = new Coordinator(async () => {
			starts++;
			return createNodeEngine();
		});
		closers.push(() => coordinator.close());
		expect(starts).toBe(0);
		const table = await coordinator.query({ sql: 'SELECT ?::INTEGER + 1 AS v', params: [41] });
		await coordinator.query({ sql: 'SELECT 2 AS v' });
		expect(starts).toBe(1);
		expect(value(table)).toBe(42);
	});

	it('runs identical queries in flight once, and answers repeats from the cache', async () => {
		const { coordinator, ran } = await setup();
		const spec = { sql: 'SELECT 7 AS v' };
		const [a, b] = await Promise.all([coordinator.query(spec), coordinator.query(spec)]);
		expect([value(a), value(b)]).toEqual([7, 7]);
		await coordinator.query(spec);
		expect(ran.filter((s) => s === spec.sql)).toHaveLength(1);
	});

	it('runs queued reads by priority, then in the order asked', async () => {
		const { coordinator, ran, hold } = await setup();
		const release = hold('SELECT 0 AS v');
		const first = coordinator.query({ sql: 'SELECT 0 AS v' });
		await tick(); // running, and held: the rest queue up behind it
		const later = [
			coordinator.query({ sql: 'SELECT 1 AS v' }, { priority: 'low' }),
			coordinator.query({ sql: 'SELECT 2 AS v' }),
			coordinator.query({ sql: 'SELECT 3 AS v' }, { priority: 'high' }),
			coordinator.query({ sql: 'SELECT 4 AS v' })
		];
		release();
		await Promise.all([first, ...later]);
		expect(ran.map((s) => s.slice(-6))).toEqual(['0 AS v', '3 AS v', '2 AS v', '4 AS v', '1 AS v']);
	});

	it('drops a cancelled read before it runs, and rejects it as aborted', async () => {
		const { coordinator, ran, hold } = await setup();
		const release = hold('SELECT 0 AS v');
		const first = coordinator.query({ sql: 'SELECT 0 AS v' });
		await tick();
		const controller = new AbortController();
		const cancelled = coordinator.query({ sql: 'SELECT 99 AS v' }, { signal: controller.signal });
		controller.abort();
		release();
		await first;
		await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
		await coordinator.query({ sql: 'SELECT 1 AS v' });
		expect(ran).not.toContain('SELECT 99 AS v');
	});

	it('keeps a shared read running while one of its callers still waits', async () => {
		const { coordinator, hold } = await setup();
		const release = hold('SELECT 0 AS v');
		const first = coordinator.query({ sql: 'SELECT 0 AS v' });
		await tick();
		const gone = new AbortController();
		const left = coordinator.query({ sql: 'SELECT 5 AS v' }, { signal: gone.signal });
		const stays = coordinator.query({ sql: 'SELECT 5 AS v' });
		gone.abort();
		release();
		await first;
		await expect(left).rejects.toMatchObject({ name: 'AbortError' });
		expect(value(await stays)).toBe(5);
	});

	it('does not cache failures', async () => {
		const { coordinator } = await setup();
		const spec = { sql: 'SELECT count(*)::INTEGER AS v FROM later' };
		await expect(coordinator.query(spec)).rejects.toThrow(/later/);
		await coordinator.write('create', (db) => db.query({ sql: 'CREATE TABLE later AS SELECT 1' }));
		expect(value(await coordinator.query(spec))).toBe(1);
	});

	it('keeps large and one-off results out of the cache', async () => {
		const watched = await watchedEngine();
		closers.push(watched.close);
		const coordinator = new Coordinator(async () => watched.engine, new ResultCache(10, 1e6, 1000));
		const big = { sql: 'SELECT range AS v FROM range(10000)' };
		await coordinator.query(big);
		await coordinator.query(big);
		const once = { sql: 'SELECT 1 AS v' };
		await coordinator.query(once, { cache: false });
		await coordinator.query(once, { cache: false });
		expect(watched.ran.filter((s) => s === big.sql)).toHaveLength(2);
		expect(watched.ran.filter((s) => s === once.sql)).toHaveLength(2);
	});
});

describe('Coordinator writes', () => {
	it('invalidate the cache: a read after a write sees the new data', async () => {
		const { coordinator } = await setup();
		await coordinator.write('create', (db) => db.query({ sql: 'CREATE TABLE t AS SELECT 1 AS v' }));
		const spec = { sql: 'SELECT count(*)::INTEGER AS v FROM t' };
		expect(value(await coordinator.query(spec))).toBe(1);
		const before = coordinator.dataVersion;
		await coordinator.write('insert', (db) => db.query({ sql: 'INSERT INTO t VALUES (2)' }));
		expect(coordinator.dataVersion).toBe(before + 1);
		expect(value(await coordinator.query(spec))).toBe(2);
	});

	it('run alone: a running read finishes first, queued reads wait, writes never interleave', async () => {
		const { coordinator, ran, hold } = await setup();
		await coordinator.write('create', (db) => db.query({ sql: 'CREATE TABLE log (v INTEGER)' }));
		ran.length = 0;
		const release = hold('SELECT 1 AS v');
		const running = coordinator.query({ sql: 'SELECT 1 AS v' });
		await tick();
		const events: string[] = [];
		const writeA = coordinator.write('a', async (db) => {
			events.push('a starts');
			await db.query({ sql: 'INSERT INTO log VALUES (1)' });
			await tick();
			events.push('a ends');
		});
		const waiting = coordinator.query({ sql: 'SELECT count(*)::INTEGER AS v FROM log' });
		const writeB = coordinator.write('b', async (db) => {
			events.push('b starts');
			await db.query({ sql: 'INSERT INTO log VALUES (2)' });
			events.push('b ends');
		});
		await tick();
		expect(events).toEqual([]); // the running read holds both writes back
		release();
		await Promise.all([running, writeA, writeB]);
		expect(events).toEqual(['a starts', 'a ends', 'b starts', 'b ends']);
		// The read asked between the writes ran after both: writes go before queued reads.
		expect(value(await waiting)).toBe(2);
		expect(ran.indexOf('SELECT count(*)::INTEGER AS v FROM log')).toBeGreaterThan(
			ran.indexOf('INSERT INTO log VALUES (2)')
		);
	});

	it('get unique names, and TEMP tables no other write or read can see', async () => {
		const { coordinator } = await setup();
		const names = await Promise.all(
			[1, 2].map((n) =>
				coordinator.write(`w${n}`, async (db, scope) => {
					await db.query({ sql: 'CREATE TEMP TABLE work AS SELECT 1 AS v' });
					return scope.unique('staged', 0);
				})
			)
		);
		expect(new Set(names).size).toBe(2);
		const temp = await coordinator.query({
			sql: `SELECT count(*)::INTEGER AS v FROM duckdb_tables() WHERE table_name = 'work'`
		});
		expect(value(temp)).toBe(0);
	});

	it('pass a failure to the writer and leave the coordinator working', async () => {
		const { coordinator } = await setup();
		await expect(
			coordinator.write('bad', (db) => db.query({ sql: 'SELECT * FROM nowhere' }))
		).rejects.toThrow(/nowhere/);
		expect(value(await coordinator.query({ sql: 'SELECT 3 AS v' }))).toBe(3);
	});
});

describe('Coordinator read-only sessions', () => {
	it('run in a read-only transaction on a connection of their own, rolled back', async () => {
		const { coordinator, ran } = await setup();
		await coordinator.write('table', (e) => e.query({ sql: 'CREATE TABLE kept AS SELECT 1 AS v' }));
		const version = coordinator.dataVersion;
		await expect(
			coordinator.readOnly((s) => s.query({ sql: 'INSERT INTO kept VALUES (2)' }))
		).rejects.toThrow(/read-only mode/);
		await coordinator.readOnly((s) => s.query({ sql: 'CREATE TEMP TABLE mine AS SELECT 1 AS v' }));
		await expect(coordinator.query({ sql: 'FROM mine' })).rejects.toThrow(/does not exist/);
		await expect(
			coordinator.readOnly((s) => s.query({ sql: 'SELECT 1 AS v; SELECT 2 AS v' }))
		).rejects.toThrow(/multiple statements/);
		const answer = await coordinator.readOnly((s) =>
			s.query({ sql: 'SELECT count(*) AS v FROM kept' })
		);
		expect(value(answer)).toBe(1);
		expect(coordinator.dataVersion).toBe(version);
		expect(ran.filter((s) => /^(BEGIN TRANSACTION READ ONLY|ROLLBACK)$/.test(s))).toHaveLength(8);
	});

	it('wait for the running read, drop an aborted answer, and let the queue go on', async () => {
		const { coordinator, ran, hold } = await setup();
		const releaseRead = hold('SELECT 0 AS v');
		const read = coordinator.query({ sql: 'SELECT 0 AS v' });
		await tick();
		const releaseSession = hold('SELECT 7 AS v');
		const controller = new AbortController();
		const session = coordinator.readOnly((s) => s.query({ sql: 'SELECT 7 AS v' }), {
			signal: controller.signal
		});
		const after = coordinator.query({ sql: 'SELECT 8 AS v' });
		await tick();
		expect(ran).not.toContain('SELECT 7 AS v'); // the read runs alone
		releaseRead();
		await read;
		await tick();
		expect(ran).toContain('SELECT 7 AS v');
		controller.abort();
		await expect(session).rejects.toMatchObject({ name: 'AbortError' });
		releaseSession();
		expect(value(await after)).toBe(8);
	});
});

describe('asks made together', () => {
	it('run by priority even when the engine is idle: the first asked is not simply first run', async () => {
		const { coordinator, ran } = await setup();
		const counts = coordinator.query({ sql: 'SELECT 5 AS v' }, { priority: 'low' });
		const chart = coordinator.query({ sql: 'SELECT 6 AS v' });
		await Promise.all([counts, chart]);
		expect(ran.filter((s) => s === 'SELECT 5 AS v' || s === 'SELECT 6 AS v')).toEqual([
			'SELECT 6 AS v',
			'SELECT 5 AS v'
		]);
	});
});

describe('low-priority reads', () => {
	it('wait for beforeLow once after a chart read, and not again while only low ones run', async () => {
		const watched = await watchedEngine();
		closers.push(watched.close);
		let paints = 0;
		let paint!: () => void;
		const coordinator = new Coordinator(
			async () => watched.engine,
			undefined,
			() => {
				paints++;
				return new Promise<void>((done) => (paint = done));
			}
		);
		const chart = coordinator.query({ sql: 'SELECT 1 AS v' });
		const counts = coordinator.query({ sql: 'SELECT 2 AS v' }, { priority: 'low' });
		const note = coordinator.query({ sql: 'SELECT 3 AS v' }, { priority: 'low' });
		await chart;
		await tick();
		expect(paints).toBe(1);
		expect(watched.ran).not.toContain('SELECT 2 AS v'); // held until the chart is painted
		paint();
		await Promise.all([counts, note]);
		expect(paints).toBe(1);
		expect(watched.ran.slice(-2)).toEqual(['SELECT 2 AS v', 'SELECT 3 AS v']);
	});
});

describe('settled', () => {
	it('resolves once nothing is queued or running, at once when the engine is idle', async () => {
		const { coordinator, hold } = await setup();
		await coordinator.settled();
		const release = hold('SELECT 7 AS v');
		const slow = coordinator.query({ sql: 'SELECT 7 AS v' });
		const after = coordinator.query({ sql: 'SELECT 8 AS v' }, { priority: 'low' });
		let settled = false;
		const waiting = coordinator.settled().then(() => (settled = true));
		await tick();
		expect(settled).toBe(false);
		release();
		await slow;
		expect(settled).toBe(false); // the low-priority read is still to run
		await after;
		await waiting;
		expect(settled).toBe(true);
	});
});

describe('QueryClient', () => {
	it('never lets a slow superseded answer overwrite the fresh one', async () => {
		const { coordinator, ran, hold } = await setup();
		const shown: unknown[] = [];
		const client = new QueryClient(coordinator, (n: number) => ({ sql: `SELECT ${n} AS v` }), {
			result: (t) => shown.push(value(t)),
			error: (e) => shown.push(e)
		});
		const release = hold('SELECT 1 AS v');
		client.update(1);
		await tick(); // 1 is running, held back
		client.update(2); // supersedes it; 2 queues behind it
		client.update(3); // supersedes 2 before it ever runs
		release();
		await coordinator.query({ sql: 'SELECT 3 AS v' });
		await tick();
		expect(shown).toEqual([3]);
		expect(ran).not.toContain('SELECT 2 AS v');
	});

	it('says when nothing is asked any more: a query superseded by none is not coming', async () => {
		const { coordinator, hold } = await setup();
		const said: unknown[] = [];
		const client = new QueryClient(
			coordinator,
			(n: number | null) => (n === null ? null : { sql: `SELECT ${n} AS v` }),
			{
				result: (t) => said.push(value(t)),
				error: (e) => said.push(e),
				pending: () => said.push('pending'),
				idle: () => said.push('idle')
			}
		);
		const release = hold('SELECT 4 AS v');
		client.update(4);
		await tick();
		client.update(null); // scrolled away while 4 was running
		release();
		await tick();
		await tick();
		expect(said).toEqual(['pending', 'idle']);
	});

	it('delivers nothing once destroyed (a view that went away)', async () => {
		const { coordinator, hold, ran } = await setup();
		const shown: unknown[] = [];
		const client = new QueryClient(coordinator, () => ({ sql: 'SELECT 8 AS v' }), {
			result: (t) => shown.push(value(t)),
			error: (e) => shown.push(e)
		});
		const release = hold('SELECT 0 AS v');
		const busy = coordinator.query({ sql: 'SELECT 0 AS v' });
		await tick();
		client.update(null);
		client.destroy();
		release();
		await busy;
		await tick();
		expect(shown).toEqual([]);
		expect(ran).not.toContain('SELECT 8 AS v');
	});
});
