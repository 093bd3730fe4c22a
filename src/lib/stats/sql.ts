import type { QuerySpec, SqlValue } from '../engine/engine';
import type { SqlFilter } from '../selection/clause';

/** SQL text with the values bound to its `?` placeholders, in the order they appear. */
export interface Fragment {
	sql: string;
	params: readonly unknown[];
}

/** A value bound to one placeholder: never written into the text. */
export const val = (value: SqlValue): Fragment => ({ sql: '?', params: [value] });

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
