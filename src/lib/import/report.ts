import type { LocalEngine } from '../engine/engine';
import { rowObjects } from '../engine/rows';
import { columnsLabel, type Layout, type Mapping } from './mapping';
import type { StagedFile } from './readers/types';

export interface ImportReport {
	rows: number;
	accepted: number;
	rejected: number;
	/** Cells whose value was corrected: decimal comma, 4/10, a percent sign, a missing marker. */
	corrected: number;
	/** Cells only written in a standard way: labels matched, spaces trimmed, dates not in ISO form. */
	standardised: number;
	patients: number;
	sessions: number;
	episodes: number;
	layout: Layout;
	/** Canonical field or measure → source column(s) or constant. */
	mapping: Record<string, string>;
	notes: string[];
	files: { file: string; format: string; rows: number; notes: string[] }[];
	problemCounts: { severity: string; reason: string; count: number }[];
	coercions: {
		file: string;
		column: string;
		kind: string;
		effect: 'corrected' | 'standardised';
		count: number;
		example: string;
		message: string;
	}[];
	/** Accepted rows with no value, per mapped field and measure. */
	missing: { field: string; count: number }[];
}

const json = async <T>(db: LocalEngine, sql: string) => rowObjects<T>(await db.query({ sql }));

/** The report of the import just swapped in, read back from its tables. */
export async function summarise(
	db: LocalEngine,
	files: readonly StagedFile[],
	mapping: Mapping,
	notes: string[]
): Promise<ImportReport> {
	const rows = files.reduce((n, f) => n + f.rows, 0);
	const [counts] = await json<Record<string, number>>(
		db,
		`SELECT
		(SELECT count(DISTINCT (file, "row")) FROM import_problems WHERE severity = 'rejected_row')::INTEGER AS rejected,
		(SELECT coalesce(sum(count) FILTER (effect = 'corrected'), 0) FROM import_coercions)::INTEGER AS corrected,
		(SELECT coalesce(sum(count) FILTER (effect = 'standardised'), 0) FROM import_coercions)::INTEGER AS standardised,
		(SELECT count(DISTINCT patient) FROM sessions)::INTEGER AS patients,
		(SELECT count(*) FROM sessions)::INTEGER AS sessions,
		(SELECT count(DISTINCT episode) FROM sessions)::INTEGER AS episodes`
	);
	const { rejected, corrected, standardised, patients, sessions, episodes } = counts!;
	return {
		rows,
		accepted: rows - rejected!,
		rejected: rejected!,
		corrected: corrected!,
		standardised: standardised!,
		patients: patients!,
		sessions: sessions!,
		episodes: episodes!,
		layout: mapping.layout,
		mapping: describeMapping(mapping),
		notes,
		files: files.map(({ file, format, rows, notes }) => ({ file, format, rows, notes })),
		// Ties by reason: otherwise their order is whatever order the engine stored the rows in.
		problemCounts: await json(
			db,
			`SELECT severity, reason, count(*)::INTEGER AS count
			FROM import_problems GROUP BY ALL ORDER BY severity, count DESC, reason`
		),
		coercions: await json(db, 'SELECT * FROM import_coercions'),
		missing: (await json<{ field: string; count: number }>(db, missingSql())).filter(
			(m) => m.field.startsWith('measure: ') || m.field in mapping.fields
		)
	};
}

function describeMapping(mapping: Mapping): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [field, source] of Object.entries(mapping.fields)) {
		out[field] =
			typeof source === 'object' && !Array.isArray(source)
				? `= ${source.constant}`
				: columnsLabel(source);
	}
	for (const [measure, column] of Object.entries(mapping.measures)) out[measure] = column;
	return out;
}

function missingSql(): string {
	return `
		SELECT 'measure: ' || m."key" AS field,
			((SELECT count(*) FROM sessions) - (SELECT count(*) FROM observations o WHERE o.measure::VARCHAR = m."key"))::INTEGER AS count
		FROM measures m
		UNION ALL SELECT 'date', count(*) FILTER (session_date IS NULL)::INTEGER FROM sessions
		UNION ALL SELECT 'clinic', count(*) FILTER (clinic IS NULL)::INTEGER FROM sessions
		UNION ALL SELECT 'therapist', count(*) FILTER (therapist IS NULL)::INTEGER FROM sessions
		UNION ALL SELECT 'condition', count(*) FILTER (condition IS NULL)::INTEGER FROM sessions
		UNION ALL SELECT 'technique', count(*) FILTER (technique IS NULL)::INTEGER FROM sessions
		UNION ALL SELECT 'minutes', count(*) FILTER (minutes IS NULL)::INTEGER FROM sessions`;
}
