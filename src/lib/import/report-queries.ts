import type { QuerySpec } from '../engine/engine';
import { quoteIdent } from '../engine/quote';
import { csvTextSql } from './csv-export';

export interface ProblemFilter {
	severity: string | null;
	reason: string | null;
	/** Matches file, column, value or message, case-insensitively. */
	text: string | null;
}

const WHERE = `(?::VARCHAR IS NULL OR severity = ?) AND (?::VARCHAR IS NULL OR reason = ?)
	AND (?::VARCHAR IS NULL OR concat_ws(' ', file, "column", value, message) ILIKE '%' || ? || '%')`;
const ORDER = 'file, "row", severity, "column"';
const params = (f: ProblemFilter) => [f.severity, f.severity, f.reason, f.reason, f.text, f.text];

const PROBLEM_COLUMNS = [
	'file',
	'row',
	'sheet_row',
	'column',
	'value',
	'severity',
	'reason',
	'message'
];

/** One page of the problems table, in file and row order, with the total matching. */
export function problemsPageQuery(filter: ProblemFilter, limit: number, offset: number): QuerySpec {
	return {
		sql: `SELECT ${PROBLEM_COLUMNS.map((c) => `"${c}"`).join(', ')},
				count(*) OVER ()::INTEGER AS total
			FROM import_problems WHERE ${WHERE}
			ORDER BY ${ORDER} LIMIT ${Math.trunc(limit)} OFFSET ${Math.trunc(offset)}`,
		params: params(filter)
	};
}

/** Every problem matching the filter, as rows (the command line's JSON). */
export function problemsExportQuery(filter: ProblemFilter): QuerySpec {
	return {
		sql: `SELECT ${PROBLEM_COLUMNS.map((c) => `"${c}"`).join(', ')} FROM import_problems
			WHERE ${WHERE} ORDER BY ${ORDER}`,
		params: params(filter)
	};
}

/** Every problem matching the filter as the text of a CSV file, made in the engine. */
export function problemsCsvQuery(filter: ProblemFilter): QuerySpec {
	return {
		sql: csvTextSql(PROBLEM_COLUMNS, `import_problems WHERE ${WHERE}`, ORDER),
		params: params(filter)
	};
}

/** The first rows of a staged file as read (bookkeeping columns left out), for the mapping preview. */
export function previewQuery(table: string, limit = 8): QuerySpec {
	return {
		sql: `SELECT COLUMNS(c -> c NOT IN ('__source_row', '__sheet_row', '__extra_fields'))
			FROM ${quoteIdent(table)} ORDER BY __source_row LIMIT ${Math.trunc(limit)}`
	};
}

export type CategoryField = 'condition' | 'technique' | 'clinic' | 'therapist';

/** The values a category took in the imported sessions, with how many sessions each. */
export function categoryValuesQuery(field: CategoryField): QuerySpec {
	const column = quoteIdent(field);
	return {
		sql: `SELECT ${column}::VARCHAR AS value, count(*)::INTEGER AS sessions
			FROM sessions WHERE ${column} IS NOT NULL GROUP BY ALL ORDER BY sessions DESC, value`
	};
}
