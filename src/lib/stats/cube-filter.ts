import { quoteIdent } from '../engine/quote';
import type { Cube } from '../model/episode-cube-sql';
import { constrains, isCategoryField, type Clause } from '../selection/clause';
import { listPlaceholder, placeholder, type Fragment } from './sql';
import { checkedValues } from './where';

/** What an inactive field binds in its slots: never read (its CASE takes the ELSE). */
const UNUSED = { text: '', number: 0 } as const;

/**
 * The clauses as one condition on a cube's fields, written alike whatever is filtered: each
 * field the cube keeps appears, switched on or off by a bound flag, with its values — those every
 * clause on it keeps — in a list of 4, 8… slots (listPlaceholder). The text then changes only
 * when a field holds more than 4 values, so a filter change almost never prepares a new
 * statement (a new plan of the matrix was 15–30 ms in the page at 1M sessions, where the query
 * itself runs in ~15). A field whose clauses keep nothing in common makes it FALSE. Only for
 * clauses cubeAnswers accepts; others are refused.
 */
export function cubeFilter(clauses: readonly Clause[], cube: Cube): Fragment {
	return perField(clauses, cube, (field, kept) => {
		const values = kept ?? [isCategoryField(field) ? UNUSED.text : UNUSED.number];
		const test = keeps(field, values);
		return {
			sql: `CASE WHEN ${placeholder(kept !== null)} THEN ${test.sql} ELSE TRUE END`,
			params: [kept !== null, ...test.params]
		};
	});
}

/**
 * The clauses as a condition on just the fields they filter, each an `IN` of bound slots: for
 * the filter chips (stats/chip-counts.ts), which test it in a SELECT on every cube row. There the
 * cubeFilter form, every field switched on or off and read from a list, cost more than the plans
 * it saves (10M sessions, Node duckdb-wasm, six chips over the cube's 384k rows: 260 → 124 ms).
 */
export function cubeFieldsFilter(clauses: readonly Clause[], cube: Cube): Fragment {
	return perField(clauses, cube, (field, kept) => {
		if (kept === null) return null;
		const items = listPlaceholder(kept, 'items');
		return { sql: `${column(field)} IN (${items.sql})`, params: items.params };
	});
}

/**
 * Each cube field's condition, from the values every clause on it keeps (null: none filters
 * it), ANDed; FALSE when a field keeps nothing, TRUE when no field says anything. Clauses on a
 * field the cube lacks are refused.
 */
function perField(
	clauses: readonly Clause[],
	{ table, fields }: Cube,
	test: (field: string, kept: (string | number)[] | null) => Fragment | null
): Fragment {
	for (const clause of clauses)
		if (constrains(clause) && !(fields as readonly string[]).includes(clause.field))
			throw new Error(`${table} has no ${clause.field}`);
	const parts: Fragment[] = [];
	for (const field of fields) {
		const kept = keptValues(clauses, field);
		if (kept?.length === 0) return { sql: 'FALSE', params: [] };
		const part = test(field, kept);
		if (part) parts.push(part);
	}
	return parts.length
		? { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) }
		: { sql: 'TRUE', params: [] };
}

/** Whether the field's value is one of `values`, the list bound in 4, 8… slots. */
function keeps(field: string, values: readonly (string | number)[]): Fragment {
	const list = listPlaceholder(values);
	return { sql: `list_contains(${list.sql}, ${column(field)})`, params: list.params };
}

/** The field as its values are bound: text, or a number for a length band. */
const column = (field: string) =>
	`${quoteIdent(field)}::${isCategoryField(field) ? 'VARCHAR' : 'DOUBLE'}`;

/** The values every constraining clause on `field` keeps, or null when none constrains it. */
function keptValues(clauses: readonly Clause[], field: string): (string | number)[] | null {
	let kept: (string | number)[] | null = null;
	for (const clause of clauses) {
		if (clause.field !== field || !('values' in clause) || !constrains(clause)) continue;
		const values: readonly (string | number)[] = checkedValues(field, clause.values);
		kept = kept === null ? [...new Set(values)] : kept.filter((v) => values.includes(v));
	}
	return kept;
}
