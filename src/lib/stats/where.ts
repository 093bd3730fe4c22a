import { quoteIdent } from '../engine/quote';
import { listPlaceholder, type Fragment } from './sql';
import {
	constrains,
	isCategoryField,
	isIsoDate,
	isNumberField,
	type Clause,
	type SqlFilter
} from '../selection/clause';

/**
 * A category as text, so a label the ENUM lacks (an old link, another dataset) matches nothing
 * instead of failing the cast. list_contains was the fastest text form at 1M rows (Node
 * duckdb-wasm 1.32, two ENUM filters of 3 labels each, 31–41 runs round-robin, p50 over three
 * runs, count / group by): list_contains([?, …]::VARCHAR[], col::VARCHAR) 20–23 / 28–31 ms;
 * col::VARCHAR IN (?, …) 30–34 / 32–38 ms; col IN (?, …), which DuckDB rewrites to the same
 * VARCHAR cast, 26–35 / 35–39 ms; col IN (SELECT unnest(…)) 32–34 / 38–39 ms. Prefixing
 * `col IS NOT NULL AND` (a strict TRUE/FALSE) cost ~4 ms more, so a NULL stays NULL (see
 * whereSql). Run scripts/bench/where-filter.ts to measure again. The list is a constant of typed
 * placeholders in 4, 8… slots (listPlaceholder 'as constant'): evaluated on every episode.
 */
function category(column: string, values: readonly string[]): Fragment {
	const list = listPlaceholder(values, 'as constant');
	return { sql: `list_contains(${list.sql}, ${column}::VARCHAR)`, params: list.params };
}

function numbers(column: string, values: readonly number[]): Fragment {
	// Bound as DOUBLEs (every number is): the column is compared as one, exact for these integers.
	const list = listPlaceholder(values, 'as constant');
	return { sql: `list_contains(${list.sql}, ${column}::DOUBLE)`, params: list.params };
}

/**
 * A filter's values, checked to be of its field's kind before any SQL is written: text for a
 * category, whole numbers for a dose field. Throws, naming the field, on anything else.
 */
export function checkedValues(
	field: string,
	values: readonly unknown[]
): readonly string[] | readonly number[] {
	const column = quoteIdent(field);
	for (const v of values) {
		if (isCategoryField(field) && typeof v !== 'string')
			throw new Error(`A ${column} filter value must be text: ${String(v)}`);
		if (!isCategoryField(field) && !Number.isSafeInteger(v))
			throw new Error(`A ${column} filter value must be a whole number: ${String(v)}`);
	}
	return values as readonly string[] | readonly number[];
}

function dateRange(column: string, from: string | null, to: string | null, params: unknown[]) {
	const parts: string[] = [];
	for (const [end, op] of [
		[from, '>='],
		[to, '<=']
	] as const) {
		if (end === null) continue;
		if (typeof end !== 'string' || !isIsoDate(end))
			throw new Error(`A date filter needs a date written yyyy-mm-dd: ${String(end)}`);
		parts.push(`${column} ${op} (?::VARCHAR)::DATE`);
		params.push(end);
	}
	return parts.join(' AND ');
}

/**
 * The clauses as one boolean SQL expression over the filter columns that episode_measures and
 * episode_points share; 'TRUE' when nothing constrains. Clauses AND together, also two on the
 * same field (a filter and a chart's selection: their intersection). Values are always bound;
 * the field is checked against the known columns and quoted, so a clause cannot name another.
 *
 * Empty values lists (and date ranges open at both ends) are absent, not "match nothing" (see
 * `constrains`). A row whose constrained column is NULL gets NULL: WHERE, FILTER and CASE WHEN
 * read that as no match (a NULL clinic never passes a clinic filter), but do not negate the
 * expression without coalesce(…, false). A range whose from is after its to matches nothing.
 */
export function whereSql(clauses: readonly Clause[]): SqlFilter {
	const parts: string[] = [];
	const params: unknown[] = [];
	for (const clause of clauses) {
		const field: string = clause.field;
		if (!isCategoryField(field) && !isNumberField(field) && field !== 'start_date')
			throw new Error(`Unknown filter field: ${JSON.stringify(field)}`);
		if (!constrains(clause)) continue;
		const column = quoteIdent(field);
		if (clause.field === 'start_date')
			parts.push(`(${dateRange(column, clause.from, clause.to, params)})`);
		else {
			const values = checkedValues(field, clause.values);
			const part = isCategoryField(field)
				? category(column, values as readonly string[])
				: numbers(column, values as readonly number[]);
			parts.push(part.sql);
			params.push(...part.params);
		}
	}
	return parts.length ? { sql: parts.join(' AND '), params } : { sql: 'TRUE', params: [] };
}
