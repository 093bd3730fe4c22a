import { rowObjects } from '../lib/engine/rows';
import type { importFiles } from '../lib/import/import-files';
import { reasonLabel, severityLabel } from '../lib/import/reasons';
import { problemsExportQuery } from '../lib/import/report-queries';
import { importDataset } from './import-dataset';

export { UsageError } from './usage-error';

export interface ImportArgs {
	files: string[];
	mapping?: string;
	json: boolean;
	now?: string;
}

/** The same import the browser runs, on DuckDB in Node; returns what the command prints. */
export async function runImport(args: ImportArgs): Promise<string> {
	const { db, outcome } = await importDataset(args);
	try {
		const spec = problemsExportQuery({ severity: null, reason: null, text: null });
		const problems = rowObjects(await db.query(spec));
		const { report } = outcome;
		if (!args.json) return describe(report, problems.length);
		return JSON.stringify({
			rows: report.rows,
			accepted: report.accepted,
			rejected: report.rejected,
			corrected: report.corrected,
			standardised: report.standardised,
			patients: report.patients,
			sessions: report.sessions,
			layout: report.layout,
			mapping: report.mapping,
			mappingFile: outcome.mapping,
			notes: report.notes,
			coercions: report.coercions,
			problems
		});
	} finally {
		await db.close();
	}
}

function describe(
	report: Awaited<ReturnType<typeof importFiles>>['report'],
	problems: number
): string {
	const lines = [
		`${report.rows} rows read: ${report.accepted} accepted, ${report.rejected} rejected; ${report.corrected} values corrected, ${report.standardised} labels and formats standardised.`,
		`${report.patients} patients, ${report.sessions} sessions, ${report.episodes} episodes (${report.layout} layout).`,
		...Object.entries(report.mapping).map(([field, column]) => `  ${field} ← ${column}`),
		...report.notes.map((n) => `Note: ${n}`),
		...report.coercions.map(
			(c) =>
				`${c.effect === 'corrected' ? 'Corrected' : 'Standardised'}: ${c.file} / ${c.column}: ${c.count} × ${c.message}`
		),
		...report.problemCounts.map(
			(p) => `${severityLabel(p.severity)}, ${reasonLabel(p.reason)}: ${p.count}`
		),
		`${problems} problems in all; --json lists each with its row.`
	];
	return lines.join('\n');
}
