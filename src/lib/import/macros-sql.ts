import type { LocalEngine } from '../engine/engine';

/** Words clinics write for "no value". They become missing and are counted, not rejected. */
export const MISSING_MARKERS = [
	'na',
	'n/a',
	'n.a.',
	'#n/a',
	'-',
	'--',
	'null',
	'none',
	'.',
	'missing',
	'nan',
	'?',
	'not done',
	'nd'
];

/**
 * SQL macros for reading text cells: one definition of "number", "date" and "match key", used
 * by every step of the import, each result tagged with how it was read so coercions can be
 * counted and rejections explained.
 */
export async function installImportMacros(db: LocalEngine): Promise<void> {
	const markers = MISSING_MARKERS.map((m) => `'${m}'`).join(', ');
	await db.query({
		sql: `
		CREATE OR REPLACE MACRO mo_trim(v) AS regexp_replace(v, '^\\s+|\\s+$', '', 'g');
		CREATE OR REPLACE MACRO mo_key(v) AS
			trim(regexp_replace(regexp_replace(lower(v), '\\([^)]*\\)|\\[[^\\]]*\\]', ' ', 'g'),
				'[^\\pL\\pN]+', ' ', 'g'));
		CREATE OR REPLACE MACRO mo_text(v) AS nullif(mo_trim(regexp_replace(v, '\\s+', ' ', 'g')), '');
		CREATE OR REPLACE MACRO mo_missing(v) AS lower(mo_trim(v)) IN (${markers});
		CREATE OR REPLACE MACRO mo_num_text(x) AS regexp_replace(x::VARCHAR, '\\.0$', '');
		CREATE OR REPLACE MACRO mo_decimal(v) AS TRY_CAST(replace(v, ',', '.') AS DOUBLE);
		CREATE OR REPLACE MACRO mo_number(v, top) AS CASE
			WHEN v IS NULL OR mo_trim(v) = '' THEN NULL
			WHEN mo_missing(v) THEN {'num': NULL::DOUBLE, 'kind': 'missing_marker'}
			WHEN regexp_full_match(mo_trim(v), '[-+]?\\d+(\\.\\d+)?') THEN {'num': mo_trim(v)::DOUBLE, 'kind': 'plain'}
			WHEN regexp_full_match(mo_trim(v), '[-+]?\\d+,\\d{1,2}')
				THEN {'num': mo_decimal(mo_trim(v)), 'kind': 'decimal_comma'}
			WHEN regexp_full_match(mo_trim(v), '\\d+([.,]\\d+)?\\s*/\\s*\\d+([.,]\\d+)?')
				AND mo_decimal(trim(split_part(v, '/', 2))) = top
				THEN {'num': mo_decimal(trim(split_part(v, '/', 1))), 'kind': 'out_of_text'}
			WHEN regexp_full_match(mo_trim(v), '\\d+([.,]\\d+)?\\s*%') AND top = 100
				THEN {'num': mo_decimal(trim(rtrim(mo_trim(v), '%'))), 'kind': 'percent_sign'}
			WHEN TRY_CAST(mo_trim(v) AS DOUBLE) IS NOT NULL
				THEN {'num': TRY_CAST(mo_trim(v) AS DOUBLE), 'kind': 'plain'}
			ELSE {'num': NULL::DOUBLE, 'kind': 'not_numeric'}
		END;
		CREATE OR REPLACE MACRO mo_year(y) AS CASE
			WHEN length(y) = 2 THEN (CASE WHEN y::INTEGER <= 69 THEN 2000 ELSE 1900 END) + y::INTEGER
			ELSE y::INTEGER END;
		CREATE OR REPLACE MACRO mo_ymd(y, m, d) AS
			TRY_CAST(printf('%04d-%02d-%02d', mo_year(y), m::INTEGER, d::INTEGER) AS DATE);
		CREATE OR REPLACE MACRO mo_date(v, day_first) AS CASE
			WHEN v IS NULL OR mo_trim(v) = '' THEN NULL
			WHEN mo_missing(v) THEN {'day': NULL::DATE, 'kind': 'missing_marker'}
			WHEN regexp_matches(mo_trim(v), '^\\d{4}-\\d{1,2}-\\d{1,2}([T ][0-9:.]+)?$')
				THEN {'day': TRY_CAST(regexp_extract(mo_trim(v), '^\\d{4}-\\d{1,2}-\\d{1,2}') AS DATE), 'kind': 'iso'}
			WHEN regexp_full_match(mo_trim(v), '\\d{4}[/.]\\d{1,2}[/.]\\d{1,2}')
				THEN {'day': TRY_CAST(regexp_replace(mo_trim(v), '[/.]', '-', 'g') AS DATE), 'kind': 'year_first'}
			WHEN regexp_full_match(mo_trim(v), '\\d{1,2}[/.-]\\d{1,2}[/.-](\\d{2}|\\d{4})') THEN {
				'day': CASE WHEN day_first
					THEN mo_ymd(regexp_extract(mo_trim(v), '(\\d+)$', 1), regexp_extract(mo_trim(v), '^\\d+[/.-](\\d+)', 1), regexp_extract(mo_trim(v), '^(\\d+)', 1))
					ELSE mo_ymd(regexp_extract(mo_trim(v), '(\\d+)$', 1), regexp_extract(mo_trim(v), '^(\\d+)', 1), regexp_extract(mo_trim(v), '^\\d+[/.-](\\d+)', 1)) END,
				'kind': CASE WHEN day_first THEN 'day_first' ELSE 'month_first' END}
			ELSE {'day': TRY_STRPTIME(mo_trim(v), ['%d %b %Y', '%d-%b-%Y', '%d %B %Y', '%b %d, %Y',
				'%B %d, %Y', '%b %d %Y', '%B %d %Y', '%d-%b-%y', '%d %b %y'])::DATE, 'kind': 'month_name'}
		END;`
	});
}
