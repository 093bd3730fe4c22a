import { quoteIdent, quoteString } from '../engine/quote';
import { CATEGORIES } from './categories';
import { sourceColumns, type FieldSource, type Mapping } from './mapping';
import { EXTRA_FIELDS } from './readers/csv';
import { SHEET_ROW, SOURCE_ROW, type StagedFile } from './readers/types';
import { FIELD_SYNONYMS, type FieldKey } from './synonyms';

const REDCAP_INSTANCE = 'redcap_repeat_instance';
export const FIELDS = Object.keys(FIELD_SYNONYMS) as FieldKey[];
/** The candidate table's column for a measure's raw text (wide and REDCap layouts). */
export const measureColumn = (key: string) => `m:${key}`;

/** File numbers → names: long tables carry the small number, reports show the name. */
export function filesSql(files: readonly StagedFile[]): string {
	const rows = files.map((f, i) => `(${i}, ${quoteString(f.file)})`).join(', ');
	return `CREATE OR REPLACE TEMP TABLE mo_files AS SELECT * FROM (VALUES ${rows}) t(__file_no, __file)`;
}

/**
 * REDCap fills a patient's fields only on the event whose form holds them (age on the baseline
 * event, say): each such field is carried to the patient's other events.
 */
const PATIENT_FIELDS = [...CATEGORIES, 'age'];

/** The rows every later step reads (a view: nothing is copied until rows are decided). */
export function candidatesViewSql(files: StagedFile[], mapping: Mapping, notes: string[]): string {
	const union = candidatesSql(files, mapping, notes);
	const filled = PATIENT_FIELDS.map(
		(f) => `coalesce(${f}, max(${f}) OVER (PARTITION BY patient)) AS ${f}`
	);
	const body =
		mapping.layout === 'redcap' ? `SELECT * REPLACE (${filled.join(', ')}) FROM (${union})` : union;
	return `CREATE OR REPLACE TEMP VIEW candidates AS ${body}`;
}

/**
 * One SELECT per staged file giving every source row in canonical terms, still as text:
 * `candidates` has the file, the row numbers, each mapped field, and the raw measure cells.
 * Missing columns become NULL (and a note), so files of one clinic each can share a mapping.
 */
function candidatesSql(files: StagedFile[], mapping: Mapping, notes: string[]): string {
	return files
		.map((file, fileNo) => {
			const has = new Set(file.columns);
			const col = (name: string) => {
				if (has.has(name)) return quoteIdent(file.table) + '.' + quoteIdent(name);
				notes.push(`${file.file} has no column "${name}": treated as empty.`);
				return 'NULL::VARCHAR';
			};
			const fields = FIELDS.map((f) => `${fieldSql(mapping.fields[f], col)} AS ${quoteIdent(f)}`);
			// md5_number: the same hash as md5, as a 16-byte number, quicker to group and join on.
			const content = file.columns.map((c) => `coalesce(${quoteIdent(c)}, chr(0))`).join(', ');
			const select = [
				`${fileNo}::INTEGER AS __file_no`,
				`${SOURCE_ROW} AS __row`,
				`${file.format === 'xlsx' ? SHEET_ROW : 'NULL::INTEGER'} AS __sheet_row`,
				`${file.format === 'csv' ? EXTRA_FIELDS : '0'} AS __extra`,
				`md5_number(concat_ws(chr(31), ${content})) AS __content`,
				`${mapping.layout === 'redcap' && has.has(REDCAP_INSTANCE) ? quoteIdent(REDCAP_INSTANCE) : 'NULL::VARCHAR'} AS __instance`,
				...fields,
				...measureSelects(mapping, col)
			];
			return `SELECT ${select.join(',\n')} FROM ${quoteIdent(file.table)}`;
		})
		.join('\nUNION ALL BY NAME\n');
}

function fieldSql(source: FieldSource | undefined, col: (name: string) => string): string {
	if (source === undefined) return 'NULL::VARCHAR';
	if (typeof source === 'object' && !Array.isArray(source)) return quoteString(source.constant);
	const parts = sourceColumns(source).map(col);
	if (parts.length === 1) return parts[0]!;
	// A composite key is missing when any part is: "site 3, no id" identifies nobody.
	const anyMissing = parts.map((p) => `mo_text(${p}) IS NULL OR mo_missing(${p})`).join(' OR ');
	return `CASE WHEN ${anyMissing} THEN NULL ELSE concat_ws(' · ', ${parts.map((p) => `mo_text(${p})`).join(', ')}) END`;
}

function measureSelects(mapping: Mapping, col: (name: string) => string): string[] {
	if (mapping.layout === 'long') {
		const long = mapping.long;
		if (!long) throw new Error('A long layout needs its measure and value columns.');
		return [
			`${col(long.measureColumn)} AS __measure_text`,
			`${col(long.valueColumn)} AS __value_text`
		];
	}
	return Object.entries(mapping.measures).map(
		([key, column]) => `${col(column)} AS ${quoteIdent(measureColumn(key))}`
	);
}
