import type { Connector } from '../engine/connector';
import { quoteString } from '../engine/quote';
import type { DateOrder, Mapping } from './mapping';
import { matchKey } from './synonyms';
import { aliasPairs } from './value-aliases';

const CATEGORIES = ['clinic', 'therapist', 'condition', 'technique', 'sex'] as const;

export interface DateDecision {
	order: DateOrder;
	/** How the order was decided, for the report. */
	note: string | null;
}

/**
 * Day-first or month-first, decided from the whole column (domain.md): a first part above 12
 * proves day-first, a second part above 12 proves month-first. When no value proves either, the
 * mapping's order is used and the report says so.
 */
export async function decideDateOrder(db: Connector, mapping: Mapping): Promise<DateDecision> {
	const fallback = mapping.dateOrder ?? 'DMY';
	const t = await db.query(`
		WITH p AS (
			SELECT regexp_extract(trim("date"), '^(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{2}|\\d{4})$', ['a', 'b']) AS s
			FROM candidates WHERE regexp_full_match(trim("date"), '\\d{1,2}[/.-]\\d{1,2}[/.-](\\d{2}|\\d{4})')
		)
		SELECT count(*)::INTEGER AS n,
			count(*) FILTER (s.a::INTEGER > 12)::INTEGER AS day_first,
			count(*) FILTER (s.b::INTEGER > 12)::INTEGER AS month_first
		FROM p`);
	const { n, day_first, month_first } = t.get(0)!.toJSON() as Record<string, number>;
	if (!n) return { order: fallback, note: null };
	if (day_first && !month_first)
		return {
			order: 'DMY',
			note: `Dates read day-first (${day_first} of ${n} can only be day-first).`
		};
	if (month_first && !day_first)
		return {
			order: 'MDY',
			note: `Dates read month-first (${month_first} of ${n} can only be month-first).`
		};
	if (day_first && month_first) {
		const order = day_first >= month_first ? 'DMY' : 'MDY';
		return {
			order,
			note: `Dates mix day-first (${day_first}) and month-first (${month_first}) forms: read as ${order === 'DMY' ? 'day' : 'month'}-first; the others are rejected as impossible dates.`
		};
	}
	return {
		order: fallback,
		note: `All ${n} dates like 03/04/2025 could be day- or month-first: read as ${fallback === 'DMY' ? 'day' : 'month'}-first, as the mapping's date order says.`
	};
}

/**
 * Alias tables for category values: the built-in spellings (MFR → Myofascial release), and the
 * user's renames and merges, which apply to a source value or to the label it became.
 */
export function aliasesSql(mapping: Mapping): string {
	const table = (name: string, pairs: (field: string) => [string, string][]) => {
		const rows = CATEGORIES.flatMap((field) =>
			pairs(field).map(
				([key, label]) => `(${quoteString(field)}, ${quoteString(key)}, ${quoteString(label)})`
			)
		);
		return `CREATE OR REPLACE TEMP TABLE ${name} AS SELECT * FROM (VALUES ${rows.join(', ') || "('', '', '')"}) t(field, key, label);`;
	};
	const user = (field: string) =>
		Object.entries(mapping.valueAliases?.[field as (typeof CATEGORIES)[number]] ?? {}).map(
			([from, to]) => [matchKey(from), to] as [string, string]
		);
	return table('mo_aliases', (f) => aliasPairs(f)) + table('mo_user_aliases', user);
}

const category = (field: string) => {
	const f = quoteString(field);
	const standard = `coalesce((SELECT label FROM mo_aliases a WHERE a.field = ${f} AND a.key = mo_key(c.${field})), mo_text(c.${field}))`;
	const renamed = (key: string) =>
		`(SELECT label FROM mo_user_aliases u WHERE u.field = ${f} AND u.key = ${key})`;
	return `coalesce(${renamed(`mo_key(c.${field})`)}, ${renamed(`mo_key(${standard})`)}, ${standard}) AS ${field}_label`;
};

/** Age in years → band (domain.md: 18–29 … 80–89, 90+; Safe Harbor pools 90 and over). */
const AGE_BAND = `CASE WHEN age_years IS NULL THEN mo_text(replace(c.age_band, '-', '–'))
	WHEN age_years < 18 THEN 'under 18' WHEN age_years >= 90 THEN '90+'
	WHEN age_years < 30 THEN '18–29'
	ELSE (floor(age_years / 10) * 10)::INTEGER || '–' || (floor(age_years / 10) * 10 + 9)::INTEGER END`;

/**
 * REDCap fills a patient's fields only on the event whose form holds them (age on the baseline
 * event, say): each such field is carried to the patient's other events.
 */
const PATIENT_FIELDS = ['clinic', 'therapist', 'condition', 'technique', 'age', 'age_band', 'sex'];
const REDCAP_FILLED = `(SELECT * REPLACE (${PATIENT_FIELDS.map(
	(f) => `coalesce(${f}, max(${f}) OVER (PARTITION BY patient)) AS ${f}`
).join(', ')}) FROM candidates)`;

/** Every candidate row with its fields read: dates, numbers, categories matched to labels. */
export function cleanSql(mapping: Mapping, order: DateOrder): string {
	const dayFirst = order === 'DMY' ? 'true' : 'false';
	// REDCap events are visits in the order the export lists them; repeats order within one.
	const visit =
		mapping.layout === 'redcap'
			? `dense_rank() OVER (ORDER BY c.__event_first) + coalesce(TRY_CAST(c.__instance AS DOUBLE), 0) / 1000`
			: `coalesce((mo_number(c.visit, NULL)).num,
				TRY_CAST(regexp_extract(c.visit, '(\\d+(\\.\\d+)?)', 1) AS DOUBLE))`;
	return `
		SELECT c.*, mo_text(c.patient) AS patient_key,
			(mo_date(c.date, ${dayFirst})).day AS day, (mo_date(c.date, ${dayFirst})).kind AS date_kind,
			CASE WHEN mo_text(c.visit) IS NULL THEN NULL ELSE ${visit} END AS visit_no,
			(mo_number(c.minutes, NULL)).num AS minutes_num,
			CASE WHEN minutes_num BETWEEN 1 AND 480 THEN minutes_num END AS minutes_no,
			${AGE_BAND} AS age_band_label,
			${CATEGORIES.map(category).join(',\n\t\t\t')}
		FROM (
			SELECT *, (mo_number(age, NULL)).num AS age_num,
				CASE WHEN age_num BETWEEN 0 AND 120 THEN age_num END AS age_years,
				min(__file_no * 1e9 + __row) OVER (PARTITION BY visit) AS __event_first
			FROM ${mapping.layout === 'redcap' ? REDCAP_FILLED : 'candidates'}
		) c`;
}
