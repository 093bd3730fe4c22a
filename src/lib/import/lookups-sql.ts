import { quoteString } from '../engine/quote';
import { CATEGORIES } from './categories';
import type { Mapping } from './mapping';
import { POS } from './status-sql';
import { matchKey } from './synonyms';
import { aliasPairs } from './value-aliases';

function pairsTable(name: string, pairs: (field: string) => [string, string][]): string {
	const rows = CATEGORIES.flatMap((field) =>
		pairs(field).map(
			([key, label]) => `(${quoteString(field)}, ${quoteString(key)}, ${quoteString(label)})`
		)
	);
	// One label per key: two user renames may reduce to the same match key.
	return `CREATE OR REPLACE TEMP TABLE ${name} AS SELECT field, key, first(label) AS label
		FROM (VALUES ${rows.join(', ') || "('', '', '')"}) t(field, key, label) GROUP BY field, key;`;
}

/**
 * Category labels, worked out once per distinct value: the built-in spellings (MFR → Myofascial
 * release), then the user's renames and merges, which apply to a source value or to the label it
 * became. Unknown values are kept as written (spaces tidied; age bands with an en dash). A
 * missing-value marker (NA, n/a, -…) is no value, unless the user renamed the marker itself.
 */
export function labelsLookupSql(mapping: Mapping): string {
	const user = (field: string) =>
		Object.entries(
			mapping.valueAliases?.[field as keyof NonNullable<Mapping['valueAliases']>] ?? {}
		).map(([from, to]) => [matchKey(from), to] as [string, string]);
	const raw = CATEGORIES.map(
		(f) =>
			`SELECT DISTINCT ${quoteString(f)} AS field, ${f} AS raw FROM candidates WHERE ${f} IS NOT NULL`
	).join(' UNION ALL ');
	return `${pairsTable('mo_aliases', aliasPairs)}
		${pairsTable('mo_user_aliases', user)}
		CREATE OR REPLACE TEMP TABLE mo_labels AS
		WITH standard AS (
			SELECT r.field, r.raw, CASE WHEN mo_missing(r.raw) THEN NULL ELSE coalesce(a.label, mo_text(CASE r.field
				-- Age bands are written 30-39 as often as 30–39: one spelling, the one bands are made in.
				WHEN 'age_band' THEN replace(r.raw, '-', '–') ELSE r.raw END)) END AS label
			FROM (${raw}) r LEFT JOIN mo_aliases a ON a.field = r.field AND a.key = mo_key(r.raw)
		)
		SELECT s.field, s.raw, coalesce(u1.label, u2.label, s.label) AS label
		FROM standard s
		LEFT JOIN mo_user_aliases u1 ON u1.field = s.field AND u1.key = mo_key(s.raw)
		LEFT JOIN mo_user_aliases u2 ON u2.field = s.field AND u2.key = mo_key(s.label);`;
}

/** Visit numbers, minutes and ages, each distinct text read once. */
export function numbersLookupSql(): string {
	const raw = ['visit', 'minutes', 'age']
		.map(
			(f) => `SELECT DISTINCT '${f}' AS field, ${f} AS raw FROM candidates WHERE ${f} IS NOT NULL`
		)
		.join(' UNION ALL ');
	return `CREATE OR REPLACE TEMP TABLE mo_numbers AS
		SELECT field, raw, CASE WHEN field = 'visit'
				THEN coalesce((n).num, TRY_CAST(regexp_extract(raw, '(\\d+(\\.\\d+)?)', 1) AS DOUBLE))
				ELSE (n).num END AS num
		FROM (SELECT field, raw, mo_number(raw, NULL) AS n FROM (${raw}));`;
}

/** REDCap events are visits, numbered in the order the export first lists them. */
export function eventsLookupSql(): string {
	return `CREATE OR REPLACE TEMP TABLE mo_events AS
		SELECT visit AS raw, dense_rank() OVER (ORDER BY min(${POS})) AS event_no
		FROM candidates WHERE visit IS NOT NULL GROUP BY visit;`;
}
