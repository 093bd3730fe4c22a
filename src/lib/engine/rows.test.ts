import { describe, expect, it } from 'vitest';
import { freshDb } from '../../../tests/support/db';
import { rowObjects } from './rows';

describe('rowObjects', () => {
	it('gives text back verbatim, a leading byte-order mark included', async () => {
		const db = await freshDb();
		const table = await db.query({
			sql: `SELECT * FROM (VALUES (1, ?, ?::ENUM('x', '\ufeffBob'), 2.5::DOUBLE), (2, NULL, NULL, NULL),
				(3, ?, 'x', 0)) t(n, text, category, score) ORDER BY n`,
			params: ['\ufeff', '\ufeffBob', '\ufeffa\ufeffb']
		});
		expect(rowObjects(table)).toEqual([
			{ n: 1, text: '\ufeff', category: '\ufeffBob', score: 2.5 },
			{ n: 2, text: null, category: null, score: null },
			{ n: 3, text: '\ufeffa\ufeffb', category: 'x', score: 0 }
		]);
		await db.close();
	});

	it('reads several record batches and a table without rows', async () => {
		const db = await freshDb();
		const big = await db.query({
			sql: `SELECT i, chr(65279) || i::VARCHAR AS t FROM range(5000) r(i) ORDER BY i`
		});
		const objects = rowObjects<{ i: number; t: string }>(big);
		expect(objects).toHaveLength(5000);
		expect(objects.every((o) => o.t === `\ufeff${o.i}`)).toBe(true);
		expect(rowObjects(await db.query({ sql: 'SELECT 1 AS a WHERE false' }))).toEqual([]);
		await db.close();
	});
});
