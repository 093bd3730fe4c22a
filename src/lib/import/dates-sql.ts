import type { LocalEngine } from '../engine/engine';
import type { DateOrder, Mapping } from './mapping';

export interface DateDecision {
	order: DateOrder;
	/** How the order was decided, for the report. */
	note: string | null;
}

const firstOrder = (o: DateOrder) => (o === 'DMY' ? 'day' : 'month');

/**
 * Day-first or month-first, decided from the whole column (domain.md): a first part above 12
 * proves day-first, a second part above 12 proves month-first. When no value proves either, the
 * mapping's order is used and the report says so.
 */
export async function decideDateOrder(db: LocalEngine, mapping: Mapping): Promise<DateDecision> {
	const fallback = mapping.dateOrder ?? 'DMY';
	const t = await db.query({
		sql: `
		WITH p AS (
			SELECT regexp_extract(mo_trim(raw), '^(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{2}|\\d{4})$', ['a', 'b']) AS s, n
			FROM (SELECT "date" AS raw, count(*) AS n FROM candidates WHERE "date" IS NOT NULL GROUP BY 1)
			WHERE regexp_full_match(mo_trim(raw), '\\d{1,2}[/.-]\\d{1,2}[/.-](\\d{2}|\\d{4})')
		)
		SELECT coalesce(sum(n), 0)::INTEGER AS n,
			coalesce(sum(n) FILTER (s.a::INTEGER > 12), 0)::INTEGER AS day_first,
			coalesce(sum(n) FILTER (s.b::INTEGER > 12), 0)::INTEGER AS month_first
		FROM p`
	});
	const { n, day_first: dmy, month_first: mdy } = t.get(0)!.toJSON() as Record<string, number>;
	if (!n) return { order: fallback, note: null };
	if (dmy && !mdy)
		return { order: 'DMY', note: `Dates read day-first (${dmy} of ${n} can only be day-first).` };
	if (mdy && !dmy)
		return {
			order: 'MDY',
			note: `Dates read month-first (${mdy} of ${n} can only be month-first).`
		};
	if (dmy && mdy) {
		const order = dmy >= mdy ? 'DMY' : 'MDY';
		return {
			order,
			note: `Dates mix day-first (${dmy}) and month-first (${mdy}) forms: read as ${firstOrder(order)}-first; the others are rejected as impossible dates.`
		};
	}
	return {
		order: fallback,
		note: `All ${n} dates like 03/04/2025 could be day- or month-first: read as ${firstOrder(fallback)}-first, as the mapping's date order says.`
	};
}

/** Each distinct date text read once (a column has few distinct dates, however many rows). */
export function datesLookupSql(order: DateOrder): string {
	const dayFirst = order === 'DMY' ? 'true' : 'false';
	return `CREATE OR REPLACE TEMP TABLE mo_dates AS
		SELECT raw, (d).day AS day, (d).kind AS kind FROM (
			SELECT raw, mo_date(raw, ${dayFirst}) AS d
			FROM (SELECT DISTINCT "date" AS raw FROM candidates WHERE "date" IS NOT NULL))`;
}
