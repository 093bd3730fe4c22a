import { tableFromArrays } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from './engine';
import { createNodeEngine } from './node-engine';

let db: LocalEngine;
beforeAll(async () => {
	db = await createNodeEngine();
});
afterAll(() => db.close());

const json = async (sql: string, params?: (string | number | null)[]) =>
	(await db.query({ sql, params })).toArray().map((r) => r.toJSON());

describe('Node engine', () => {
	it('binds parameters as values, never as SQL', async () => {
		expect(await json('SELECT ? AS s, ?::INTEGER AS i', ["'; DROP TABLE x; --", 3])).toEqual([
			{ s: "'; DROP TABLE x; --", i: 3 }
		]);
	});

	it('returns counts as plain numbers, not BigInt', async () => {
		const [row] = await json('SELECT count(*) AS n FROM range(5)');
		expect(row).toEqual({ n: 5 });
	});

	it('reads registered bytes with read_csv', async () => {
		await db.registerFile('r.csv', new TextEncoder().encode('a,b\n1,x\n'));
		expect(await json(`SELECT * FROM read_csv('r.csv')`)).toEqual([{ a: 1, b: 'x' }]);
		await db.dropFile('r.csv');
	});

	it('creates tables from Arrow, keeping awkward column names', async () => {
		await db.insertArrow('odd', tableFromArrays({ 'a "b" c': ['1', '2'], select: ['x', 'y'] }));
		expect(await json('SELECT * FROM odd ORDER BY 1')).toEqual([
			{ 'a "b" c': '1', select: 'x' },
			{ 'a "b" c': '2', select: 'y' }
		]);
	});

	it('fails fast instead of downloading an extension', async () => {
		await expect(
			db.query({ sql: "COPY (SELECT 1) TO 'x.parquet' (FORMAT parquet)" })
		).rejects.toThrow(/parquet/);
	});
});

describe('quoting', () => {
	it('carries any text, NUL and quotes included, into SQL as the same value', async () => {
		const { quoteString, quoteIdent } = await import('./quote');
		for (const text of ["it's", 'a\u0000b', '\u0000', '"; DROP TABLE x; --', 'שלום 💥 \u200b']) {
			const name = text.replaceAll('\u0000', '') || 'nul';
			const [row] = await json(`SELECT ${quoteString(text)} AS ${quoteIdent(name)}`);
			expect(row).toEqual({ [name]: text });
		}
	});
});

describe('query results as IPC bytes', () => {
	it('are a complete Arrow file of the same rows', async () => {
		const { tableFromIPC } = await import('apache-arrow');
		const bytes = await db.exportIpc("SELECT range AS i, 'x' || range AS s FROM range(3)");
		expect(new TextDecoder().decode(bytes.subarray(-6))).toBe('ARROW1');
		expect(
			tableFromIPC(bytes)
				.toArray()
				.map((r) => r.toJSON())
		).toEqual([
			{ i: 0, s: 'x0' },
			{ i: 1, s: 'x1' },
			{ i: 2, s: 'x2' }
		]);
	});
});
