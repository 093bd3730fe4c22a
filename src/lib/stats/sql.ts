import type { QuerySpec, SqlValue } from '../engine/engine';
import type { SqlFilter } from '../selection/clause';

/** SQL text with the values bound to its `?` placeholders, in the order they appear. */
export interface Fragment {
	sql: string;
	params: readonly unknown[];
}

/**
 * The SQL type a value of each JavaScript type is bound as by duckdb-wasm (it passes parameters
 * as JSON: every number arrives as a DOUBLE, whole or not).
 */
const BOUND_AS = { string: 'VARCHAR', number: 'DOUBLE', boolean: 'BOOLEAN' } as const;

/**
 * One placeholder for `value`, written so that DuckDB keeps the prepared statement's plan: typed
 * as the value arrives (a statement whose parameter was inferred as another type, say INTEGER
 * for a bound DOUBLE, is planned again at every run), and read through a one-row subquery
 * (DuckDB plans again, by design, any statement with a parameter in a filter, to push the value
 * into the scan). Planning took about half of a chart's query at 1M sessions; see
 * docs/analysis.md, "Prepared plans". NULL has no type to give: it binds bare.
 */
export function placeholder(value: SqlValue): string {
	return value === null
		? '?'
		: `(SELECT ?::${BOUND_AS[typeof value as 'string' | 'number' | 'boolean']})`;
}

/**
 * A non-empty list of values for list_contains, typed as in placeholder, in a number of slots that
 * changes rarely (4, then the next power of two; spare slots repeat the first value, which
 * changes nothing a list_contains finds): a filter of 1–4 values is one SQL text.
 *
 * `read`: 'once' (the default) reads the list through a one-row subquery, so the statement keeps
 * its plan — right for the cube, whose rows are few. 'as constant' writes the list itself: DuckDB
 * then plans the statement again at each run (a parameter in a filter), but folds the list into a
 * constant, which a filter tested on every episode needs — read through the subquery, the list is
 * a column that list_contains unpacks row by row (10M sessions: trend 256 → 375 ms, chips 111 →
 * 232 ms, in `npm run bench`). 'items' writes the slots alone, for `x IN (…)`: compared value by
 * value, no list to unpack, the cheapest test in a SELECT over many rows (the filter chips over
 * the cube at 10M sessions, Node duckdb-wasm, six chips: 260 → 124 ms).
 */
export function listPlaceholder(
	values: readonly (string | number)[],
	read: 'once' | 'as constant' | 'items' = 'once'
): Fragment {
	const first = values[0];
	if (first === undefined)
		throw new Error('An empty list has no placeholder: leave the filter out');
	let slots = 4;
	while (slots < values.length) slots *= 2;
	const padded = [...values, ...Array<typeof first>(slots - values.length).fill(first)];
	const items = padded.map((v) => `?::${BOUND_AS[typeof v as 'string' | 'number']}`);
	const list = read === 'items' ? items.join(', ') : `[${items.join(', ')}]`;
	return { sql: read === 'once' ? `(SELECT ${list})` : list, params: padded };
}

/** A value bound to one placeholder: never written into the text. */
export const val = (value: SqlValue): Fragment => ({ sql: placeholder(value), params: [value] });

/**
 * Builds SQL from pieces so that placeholders and their values can never drift apart: a string
 * interpolation is SQL text written by this code (column names, expressions), a Fragment or a
 * filter is spliced with its values appended where its text lands. Data only goes in via `val`.
 */
export function sql(strings: TemplateStringsArray, ...parts: (string | Fragment)[]): Fragment {
	let text = strings[0] ?? '';
	const params: unknown[] = [];
	parts.forEach((part, i) => {
		if (typeof part === 'string') text += part;
		else {
			text += part.sql;
			params.push(...part.params);
		}
		text += strings[i + 1] ?? '';
	});
	return { sql: text, params };
}

/** A fragment joined from others, e.g. select lists, each keeping its own values. */
export function join(parts: readonly Fragment[], separator: string): Fragment {
	return {
		sql: parts.map((p) => p.sql).join(separator),
		params: parts.flatMap((p) => p.params)
	};
}

/** The filter as a parenthesised condition, so its OR cannot escape the surrounding AND. */
export const where = (filter: SqlFilter): Fragment => sql`(${filter})`;

export const spec = (fragment: Fragment): QuerySpec => ({
	sql: fragment.sql,
	params: fragment.params as SqlValue[]
});

/** Every row: what whereSql gives when nothing is selected. */
export const NO_FILTER: SqlFilter = { sql: 'TRUE', params: [] };
