import { describe, expect, it } from 'vitest';
import { withoutFinalSemicolon } from './console-sql';

describe('a final semicolon', () => {
	it.each([
		['SELECT 1;', 'SELECT 1'],
		['SELECT 1 ;  \n', 'SELECT 1   \n'],
		['SELECT 1; -- done', 'SELECT 1 -- done'],
		['SELECT 1; /* done */\n-- really', 'SELECT 1 /* done */\n-- really'],
		['SELECT 1', 'SELECT 1']
	])('is dropped when only blanks and comments follow it: %j', (text, expected) => {
		expect(withoutFinalSemicolon(text)).toBe(expected);
	});

	it.each([
		// Two statements stay two, and DuckDB refuses them as such.
		'SELECT 1; SELECT 2',
		// Inside a string, a quoted name or a comment, a semicolon ends nothing.
		"SELECT 'a; -- b'",
		'SELECT 1 AS "x; -- y"',
		'SELECT 1 -- ; trailing',
		'SELECT 1 /* ; */',
		"SELECT 'it''s; -- here'"
	])('is no end of the query in %j', (text) => {
		expect(withoutFinalSemicolon(text)).toBe(text);
	});

	it('drops only the last of two when the first ends a statement before it', () => {
		expect(withoutFinalSemicolon('SELECT 1; SELECT 2; -- end')).toBe('SELECT 1; SELECT 2 -- end');
	});
});
