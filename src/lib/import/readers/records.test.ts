import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../../engine/engine';
import { createNodeEngine } from '../../engine/node-engine';
import { StagingRows, stageRows } from './records';
import { rowsOf, typesOf } from './test-support';

let db: LocalEngine;
beforeAll(async () => {
	db = await createNodeEngine();
});
afterAll(() => db.close());

const source = { name: 'f', blob: new Blob([]) };

describe('StagingRows', () => {
	it('builds many batches, numbering kept records without gaps', async () => {
		const rows = new StagingRows(['n', 'half']);
		for (let i = 1; i <= 20_000; i++)
			rows.add(i % 1000 === 0 ? [null, null] : [String(i), i % 2 ? 'odd' : null]);
		expect(rows.toArrow().batches.length).toBeGreaterThan(1);
		const staged = await stageRows(db, source, 'many', 'json', rows);
		expect(staged.rows).toBe(19_980);
		expect(staged.notes).toEqual(['20 blank rows skipped (not counted as records).']);
		const check = await db.query({
			sql: `SELECT count(*)::INTEGER AS n, max(__source_row) AS last,
			        count(*) FILTER (WHERE __source_row = 1000 AND n = '1001')::INTEGER AS shifted
			 FROM many`
		});
		expect(check.toArray()[0]?.toJSON()).toEqual({ n: 19_980, last: 19_980, shifted: 1 });
	});

	it('creates the table with its columns even when there are no records', async () => {
		const rows = new StagingRows(['a'], { sheetRow: true });
		rows.add([null], 2);
		await stageRows(db, source, 'none', 'xlsx', rows);
		expect(await typesOf(db, 'none')).toEqual({
			__source_row: 'INTEGER',
			__sheet_row: 'INTEGER',
			a: 'VARCHAR'
		});
		expect(await rowsOf(db, 'none')).toEqual([]);
	});

	it('builds without evaluating code, as the app CSP (no unsafe-eval) requires', () => {
		const rows = new StagingRows(['a', 'b']);
		rows.add(['é 💥', null]);
		const original = globalThis.Function;
		const refuse = () => {
			throw new EvalError('unsafe-eval is not allowed');
		};
		globalThis.Function = new Proxy(original, { construct: refuse, apply: refuse });
		try {
			expect(rows.toArrow().toArray()[0]?.toJSON()).toEqual({
				__source_row: 1,
				a: 'é 💥',
				b: null
			});
		} finally {
			globalThis.Function = original;
		}
	});

	it('keeps the column order even for names that look like numbers', async () => {
		const rows = new StagingRows(['b', '2024', 'a', '1']);
		rows.add(['x', 'y', 'z', 'w']);
		await stageRows(db, source, 'order', 'json', rows);
		const described = await db.query({ sql: 'SELECT column_name FROM (DESCRIBE "order")' });
		expect(described.getChild('column_name')?.toArray()).toEqual([
			'__source_row',
			'b',
			'2024',
			'a',
			'1'
		]);
		expect(await rowsOf(db, 'order')).toEqual([
			{ __source_row: 1, b: 'x', 2024: 'y', a: 'z', 1: 'w' }
		]);
	});
});
