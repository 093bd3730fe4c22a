import { quoteString } from '../engine/quote';
import { CATEGORIES } from './categories';
import { sourceColumns, type Mapping } from './mapping';
import { fieldColumnSql, whenThen } from './problems-sql';

const COERCION_MESSAGES: Record<string, string> = {
	decimal_comma: 'Decimal comma read as a decimal point (7,5 → 7.5).',
	out_of_text: 'Score written out of the scale maximum read as the score (4/10 → 4).',
	percent_sign: 'Percent sign dropped (75% → 75).',
	trimmed_whitespace: 'Spaces around the value removed.',
	missing_marker: 'Missing-value marker (NA, N/A, -, null…) read as missing.',
	date_format: 'Dates not in ISO form (YYYY-MM-DD) read by the column’s date order.',
	category_normalised: 'Values matched to standard labels (case, spacing, abbreviations).'
};

/**
 * What a coercion did to the value: tidied how a right value is written (a label's case, spaces,
 * a date's form) or corrected one written wrongly (7,5, 4/10, NA…). Reported apart: a clean file
 * has thousands of standardised labels and no corrected value.
 */
const STANDARDISED = ['category_normalised', 'trimmed_whitespace', 'date_format'];

const MARKED_FIELDS = ['patient', ...CATEGORIES, 'notes', 'minutes', 'age', 'visit'] as const;

/**
 * Whether a field holds a missing-value marker, without a regex on every row: a category's or a
 * number's distinct texts are tested in their lookup (mo_labels, mo_numbers hold each text read),
 * and a marker leaves no patient key or note text, so only those rows are tested.
 */
function markerTest(field: (typeof MARKED_FIELDS)[number]): string {
	if (field === 'patient') return 'patient_key IS NULL AND mo_missing(patient)';
	if (field === 'notes') return 'notes_text IS NULL AND mo_missing(notes)';
	const lookup = (CATEGORIES as readonly string[]).includes(field) ? 'mo_labels' : 'mo_numbers';
	return `${field} IN (SELECT raw FROM ${lookup} WHERE field = '${field}' AND mo_missing(raw))`;
}

/**
 * Whole-column coercions, reported once per file × column × kind with a count and one example,
 * not once per cell (domain.md).
 */
export function coercionsSql(mapping: Mapping): string {
	const column = (f: keyof Mapping['fields']) => fieldColumnSql(mapping, f);
	// An age band worked out from the age is no reading of the band column.
	const fromColumn = (f: string) => (f === 'age_band' ? ' AND age_years IS NULL' : '');
	const categories = CATEGORIES.filter((f) => sourceColumns(mapping.fields[f]).length).map(
		(f) => `SELECT __file, ${column(f)}, 'category_normalised', ${f}
				FROM cand_rows JOIN mo_files USING (__file_no) WHERE reason IS NULL AND ${f} IS DISTINCT FROM ${f}_label AND ${f}_label IS NOT NULL${fromColumn(f)}`
	);
	// Markers in every other field (scores and dates are read by their own macros, above): among
	// accepted rows, and for the patient among the rows a marker left without one (all rejected).
	const markers = MARKED_FIELDS.filter((f) => sourceColumns(mapping.fields[f]).length).map(
		(f) => `SELECT __file, ${column(f)}, 'missing_marker', ${f}
				FROM cand_rows JOIN mo_files USING (__file_no)
				WHERE ${f === 'patient' ? '' : 'reason IS NULL AND '}${markerTest(f)}`
	);
	const messages = whenThen(COERCION_MESSAGES);
	return `
		WITH cells AS (
			SELECT __file AS file, "column", kind, raw AS example FROM odd_cells JOIN mo_files USING (__file_no)
			WHERE kind IN ('decimal_comma', 'out_of_text', 'percent_sign', 'missing_marker')
			UNION ALL
			SELECT __file, "column", 'trimmed_whitespace', raw FROM odd_cells JOIN mo_files USING (__file_no)
			WHERE padded AND valid
			UNION ALL
			SELECT __file, ${column('date')}, CASE WHEN date_kind = 'missing_marker' THEN 'missing_marker' ELSE 'date_format' END, "date"
			FROM cand_rows JOIN mo_files USING (__file_no) WHERE reason IS NULL AND (day IS NOT NULL AND date_kind <> 'iso' OR date_kind = 'missing_marker')
			${[...categories, ...markers].map((c) => `UNION ALL ${c}`).join('\n')}
		)
		SELECT file, "column", kind,
			CASE WHEN kind IN (${STANDARDISED.map(quoteString).join(', ')}) THEN 'standardised' ELSE 'corrected' END AS effect,
			count(*)::INTEGER AS count, min(example) AS example, CASE kind ${messages} END AS message
		FROM cells GROUP BY ALL ORDER BY file, "column", kind`;
}
