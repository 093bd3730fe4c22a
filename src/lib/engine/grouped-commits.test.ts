import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from './engine';
import { GroupedCommits } from './grouped-commits';
import { createNodeEngine } from './node-engine';

let db: LocalEngine;
beforeAll(async () => {
	db = await createNodeEngine();
	await db.query({ sql: 'CREATE TABLE t (n INTEGER)' });
});
afterAll(() => db.close());

const insert = (n: number) => () => db.query({ sql: `INSERT INTO t VALUES (${n})` });
const kept = async () =>
	(await db.query({ sql: 'SELECT n FROM t ORDER BY n' })).toArray().map((r) => r.n as number);

describe('grouped commits', () => {
	it("commits once the writes' sizes reach the group's, and undoes only what is not committed", async () => {
		const commits = new GroupedCommits(db, 10);
		await commits.write(insert(1), 6);
		await commits.write(insert(2), 4); // 10: committed
		await commits.write(insert(3), 3);
		await commits.rollback();
		expect(await kept()).toEqual([1, 2]);
		await commits.write(insert(4)); // a new transaction after the rollback
		await commits.commit();
		await commits.commit(); // nothing open: no error
		expect(await kept()).toEqual([1, 2, 4]);
	});
});
