import { quoteIdent } from '../engine/quote';
import { measureColumn } from './candidates-sql';
import { CATEGORIES } from './categories';
import type { Mapping } from './mapping';

/** Age in years → band (domain.md: 18–29 … 80–89, 90+; Safe Harbor pools 90 and over). */
const AGE_BAND = `CASE WHEN age_years IS NULL THEN l_age_band.label
	WHEN age_years < 18 THEN 'under 18' WHEN age_years >= 90 THEN '90+'
	WHEN age_years < 30 THEN '18–29'
	ELSE (floor(age_years / 10) * 10)::INTEGER || '–' || (floor(age_years / 10) * 10 + 9)::INTEGER END`;

/**
 * Every candidate row with its fields read, by joining the lookups of distinct values: dates,
 * numbers, category labels. A view; the next step materialises only what it keeps.
 */
export function cleanViewSql(mapping: Mapping): string {
	const redcap = mapping.layout === 'redcap';
	// A REDCap repeat instance orders sessions within its event.
	const visit = redcap
		? 'ev.event_no + coalesce(TRY_CAST(c.__instance AS DOUBLE), 0) / 1000'
		: 'vn.num';
	const measures =
		mapping.layout === 'long'
			? ['c.__measure_text', 'c.__value_text']
			: Object.keys(mapping.measures).map((k) => `c.${quoteIdent(measureColumn(k))}`);
	const labels = CATEGORIES.map((f) =>
		f === 'age_band' ? `${AGE_BAND} AS age_band_label` : `l_${f}.label AS ${f}_label`
	);
	const labelJoins = CATEGORIES.map(
		(f) => `LEFT JOIN mo_labels l_${f} ON l_${f}.field = '${f}' AND l_${f}.raw = c.${f}`
	);
	const numberJoin = (alias: string, field: string) =>
		`LEFT JOIN mo_numbers ${alias} ON ${alias}.field = '${field}' AND ${alias}.raw = c.${field}`;
	return `CREATE OR REPLACE TEMP VIEW cand_clean AS
		SELECT c.__file_no, c.__row, c.__sheet_row, c.__extra, c.__content,
			c.patient, c."date", c.visit, c.minutes, c.age, c.notes,
			${CATEGORIES.map((f) => `c.${f}`).join(', ')}, ${measures.join(', ')},
			CASE WHEN NOT mo_missing(c.patient) THEN mo_text(c.patient) END AS patient_key,
			CASE WHEN NOT mo_missing(c.notes) THEN c.notes END AS notes_text, d.day, d.kind AS date_kind,
			CASE WHEN c.visit IS NULL THEN NULL ELSE ${visit} END AS visit_no,
			mn.num AS minutes_num, CASE WHEN mn.num BETWEEN 1 AND 480 THEN mn.num END AS minutes_no,
			an.num AS age_num, CASE WHEN an.num BETWEEN 0 AND 120 THEN an.num END AS age_years,
			${labels.join(', ')}
		FROM candidates c
		LEFT JOIN mo_dates d ON d.raw = c."date"
		${redcap ? 'LEFT JOIN mo_events ev ON ev.raw = c.visit' : numberJoin('vn', 'visit')}
		${numberJoin('mn', 'minutes')}
		${numberJoin('an', 'age')}
		${labelJoins.join('\n')}`;
}
