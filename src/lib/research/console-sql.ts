import type { QuerySpec } from '../engine/engine';

/**
 * The research console's SQL around a researcher's query. Their text is never run as written:
 * it becomes a subquery, so only a query that returns rows (SELECT, WITH, FROM-first, VALUES,
 * TABLE, DESCRIBE, SUMMARIZE, PIVOT…) can parse at all. DROP, DELETE, UPDATE, INSERT, CREATE,
 * COPY, ATTACH, INSTALL, LOAD, SET, PRAGMA and CALL cannot stand inside parentheses: DuckDB
 * refuses them as a syntax error before anything runs. Each statement built here is run alone,
 * prepared, in a read-only transaction (engine/read-only-session.ts).
 */

/** Words a query returning rows can start with (after comments and opening parentheses). */
const READING = new Set([
	'SELECT',
	'WITH',
	'FROM',
	'VALUES',
	'TABLE',
	'DESCRIBE',
	'SHOW',
	'SUMMARIZE',
	'PIVOT',
	'UNPIVOT'
]);

/** Leading blanks, `-- …` lines, `/* … *\/` blocks and `(`: what comes before a first word. */
const PREAMBLE = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|\()*/;

/** The statement's first word, upper case ('' when there is none). */
export function firstWord(text: string): string {
	const rest = text.replace(PREAMBLE, '');
	return /^[A-Za-z_]+/.exec(rest)?.[0].toUpperCase() ?? '';
}

/** True when the text starts as a query that returns rows; anything else is refused unrun. */
export const startsAsRead = (text: string) => READING.has(firstWord(text));

/**
 * The text as a subquery. A final semicolon is dropped, with only blanks and comments after it
 * (`SELECT 1; -- done`), as anyone may end a query so. The closing parenthesis goes on a line of
 * its own, so a trailing `-- comment` ends before it; a comment or string left open swallows it
 * instead, and the whole is a syntax error. The text starts on the first line, so DuckDB's
 * "LINE n" counts the researcher's own lines.
 */
export function asSubquery(text: string): string {
	return `(${withoutFinalSemicolon(text)}\n) AS console_query`;
}

/**
 * The text without its last semicolon when nothing but blanks and comments follows it. Strings
 * and quoted names are stepped over whole (a doubled quote inside one reads as two strings side
 * by side, which changes nothing here), and so are comments: a `;` inside either is no end.
 */
export function withoutFinalSemicolon(text: string): string {
	let semicolon = -1;
	let codeAfter = false;
	for (let i = 0; i < text.length;) {
		const skip = skipped(text, i);
		if (skip > i) {
			if (text[i] === "'" || text[i] === '"') codeAfter = true;
			i = skip;
			continue;
		}
		if (text[i] === ';') [semicolon, codeAfter] = [i, false];
		else if (!/\s/.test(text[i]!)) codeAfter = true;
		i++;
	}
	return semicolon === -1 || codeAfter
		? text
		: text.slice(0, semicolon) + text.slice(semicolon + 1);
}

/** Where the string, quoted name or comment starting at `i` ends (i itself if none starts). */
function skipped(text: string, i: number): number {
	const close = (end: string, from: number) => {
		const at = text.indexOf(end, from);
		return at === -1 ? text.length : at + end.length;
	};
	const c = text[i];
	if (c === "'" || c === '"') return close(c, i + 1);
	if (text.startsWith('--', i)) return close('\n', i + 2);
	if (text.startsWith('/*', i)) return close('*/', i + 2);
	return i;
}

const int = (n: number) => Math.max(0, Math.trunc(n));

/**
 * One page of the result, every value as DuckDB writes it (VARCHAR; NULL stays NULL), so the
 * page shows dates, decimals, lists and structs exactly and in one way.
 */
export const pageQuery = (text: string, limit: number, offset: number): QuerySpec => ({
	sql: `SELECT COLUMNS(*)::VARCHAR FROM ${asSubquery(text)} LIMIT ${int(limit)} OFFSET ${int(offset)}`
});

/** How many rows the whole result has. */
export const countQuery = (text: string): QuerySpec => ({
	sql: `SELECT count(*)::DOUBLE AS n FROM ${asSubquery(text)}`
});

/** The result's columns and their DuckDB types, in order. */
export const columnsQuery = (text: string): QuerySpec => ({
	sql: `SELECT column_name AS name, column_type AS type
		FROM (DESCRIBE SELECT * FROM ${asSubquery(text)})`
});
