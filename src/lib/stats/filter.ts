/**
 * The filter every statistics builder takes: a boolean SQL expression over the columns that
 * `episode_measures` and `episode_points` share, with its bound values ('TRUE' when empty).
 * where.ts builds one from the selection's clauses; the builders only splice it in.
 */
export interface SqlFilter {
	sql: string;
	params: readonly unknown[];
}

export const NO_FILTER: SqlFilter = { sql: 'TRUE', params: [] };

export type CategoryField = 'clinic' | 'therapist' | 'condition' | 'technique' | 'age_band' | 'sex';
export type NumberField = 'length_band' | 'sessions';
/** What a summary can be grouped by: a category, or a dose (session length band, sessions). */
export type GroupField = CategoryField | NumberField;

export const CATEGORY_FIELDS: readonly CategoryField[] = [
	'clinic',
	'therapist',
	'condition',
	'technique',
	'age_band',
	'sex'
];
export const GROUP_FIELDS: readonly GroupField[] = [...CATEGORY_FIELDS, 'length_band', 'sessions'];

export const isGroupField = (name: string): name is GroupField =>
	(GROUP_FIELDS as readonly string[]).includes(name);
