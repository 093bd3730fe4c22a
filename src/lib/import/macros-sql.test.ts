import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../../tests/support/db';
import type { LocalEngine } from '../engine/engine';
import { matchKey } from './synonyms';
import { installImportMacros } from './macros-sql';

let db: LocalEngine;
beforeAll(async () => {
	db = await freshDb();
	await installImportMacros(db);
});
afterAll(() => db.close());

/** One value, with Arrow structs made plain objects for comparison. */
const one = async (sql: string, ...params: (string | number | null)[]) =>
	JSON.parse(
		JSON.stringify((await db.query({ sql: `SELECT ${sql} AS v`, params })).toArray()[0]!.toJSON().v)
	);

describe('reading text cells in SQL', () => {
	it.each([
		['7', 7, 'plain'],
		['7,5', 7.5, 'decimal_comma'],
		['4/10', 4, 'out_of_text'],
		[' 6 ', 6, 'plain'],
		['n/a', null, 'missing_marker'],
		['abc', null, 'not_numeric'],
		['1,000', null, 'not_numeric'],
		['4/5', null, 'not_numeric']
	])('reads %j on a 0–10 scale as %j (%s)', async (text, num, kind) => {
		expect(await one('mo_number(?, 10)', text)).toEqual({ num, kind });
	});

	it('treats tabs and line breaks like spaces', async () => {
		expect(await one('mo_text(?)', 'P1\n')).toBe('P1');
		expect(await one('mo_text(?)', '\t')).toBeNull();
		expect(await one('mo_number(?, 10)', '\t')).toBeNull();
		expect(await one('mo_number(?, 10)', '5\r\n')).toEqual({ num: 5, kind: 'plain' });
	});

	it.each([
		['2025-02-03', true, '2025-02-03', 'iso'],
		['03/02/2025', true, '2025-02-03', 'day_first'],
		['03/02/2025', false, '2025-03-02', 'month_first'],
		['3 Feb 2025', true, '2025-02-03', 'month_name'],
		['3.2.25', true, '2025-02-03', 'day_first'],
		['30/02/2025', true, null, 'day_first']
	])('reads the date %j (day first: %s) as %j', async (text, dayFirst, iso, kind) => {
		const v = (await one('mo_date(?, ?::BOOLEAN)', text, dayFirst ? 1 : 0)) as {
			day: number | null;
			kind: string;
		};
		expect(v.day === null ? null : new Date(v.day).toISOString().slice(0, 10)).toBe(iso);
		expect(v.kind).toBe(kind);
	});

	it.each([
		'Pain (0-10)',
		' MYOFASCIAL  release ',
		'Neuromuscular / Trigger-Point',
		'שלום_עולם',
		'a[b]c'
	])('computes the same match key as the TypeScript side for %j', async (text) => {
		expect(await one('mo_key(?)', text)).toBe(matchKey(text));
	});
});
