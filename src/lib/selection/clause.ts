/**
 * What a chart or the filter bar selects, as data: a field and the values it keeps. Turned into
 * SQL in one place (stats/where.ts), so no chart writes its own WHERE.
 */
export type CategoryField = 'clinic' | 'therapist' | 'condition' | 'technique' | 'age_band' | 'sex';
export type NumberField = 'length_band' | 'sessions';

export type Clause =
	| { source: string; field: CategoryField; values: string[] }
	| { source: string; field: NumberField; values: number[] }
	/** ISO yyyy-mm-dd, both ends inclusive; null = open on that side. */
	| { source: string; field: 'start_date'; from: string | null; to: string | null };

/** A boolean SQL expression with its bound values ('TRUE' with no params when nothing is selected). */
export interface SqlFilter {
	sql: string;
	params: readonly unknown[];
}

export const CATEGORY_FIELDS: readonly CategoryField[] = [
	'clinic',
	'therapist',
	'condition',
	'technique',
	'age_band',
	'sex'
];
const NUMBER_FIELDS: readonly NumberField[] = ['length_band', 'sessions'];

export const isCategoryField = (field: string): field is CategoryField =>
	(CATEGORY_FIELDS as readonly string[]).includes(field);
export const isNumberField = (field: string): field is NumberField =>
	(NUMBER_FIELDS as readonly string[]).includes(field);

/** Who publishes clauses: the filter bar applies to every chart, a chart's click to the others. */
export const SOURCES = {
	filters: 'filters',
	matrix: 'matrix',
	trend: 'trend',
	doseLength: 'dose-length',
	doseSessions: 'dose-sessions'
} as const;

/**
 * Whether the clause constrains anything. A clause with an empty values list (or a date range
 * open at both ends) is treated as absent, not as "nothing selected": unticking the last box of
 * a filter shows everything again rather than an empty dashboard, and a chart that clears its
 * selection may publish [] instead of removing its clause.
 */
export function constrains(clause: Clause): boolean {
	return 'values' in clause ? clause.values.length > 0 : clause.from !== null || clause.to !== null;
}

/** A real calendar date written yyyy-mm-dd (what <input type=date> gives and DuckDB reads). */
export function isIsoDate(text: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const date = new Date(Date.UTC(2000, mo - 1, d));
	date.setUTCFullYear(y); // Date.UTC reads years 0–99 as 1900–1999
	return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
