import { openAsBlob } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import { createNodeEngine } from '../lib/engine/node-engine';
import { rowObjects } from '../lib/engine/rows';
import { importFiles } from '../lib/import/import-files';
import { reasonLabel, severityLabel } from '../lib/import/reasons';
import { MissingFieldsError } from '../lib/import/required-fields';
import { problemsExportQuery } from '../lib/import/report-queries';
import { readMappingFile } from './mapping-file';

export interface ImportArgs {
	files: string[];
	mapping?: string;
	json: boolean;
	now?: string;
}

/** The same import the browser runs, on DuckDB in Node; returns what the command prints. */
export async function runImport(args: ImportArgs): Promise<string> {
	for (const file of args.files) {
		await access(file).catch(() => {
			throw new UsageError(`Cannot read ${file}: no such file, or no permission.`);
		});
	}
	const mapping = args.mapping ? await readMappingFile(args.mapping) : undefined;
	const now = args.now ? new Date(args.now) : new Date();
	if (Number.isNaN(now.getTime())) throw new UsageError(`--now ${args.now} is not a date.`);
	const sources = await Promise.all(
		args.files.map(async (f) => ({ name: basename(f), blob: await openAsBlob(f) }))
	);
	const db = await createNodeEngine();
	try {
		const outcome = await importFiles(db, sources, { mapping, now }).catch((e: unknown) => {
			throw e instanceof MissingFieldsError ? new Error(howToMap(sources, e)) : e;
		});
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

/** One line: what no column maps to, and where a mapping file says it. */
function howToMap(sources: readonly { name: string }[], e: MissingFieldsError): string {
	const files = sources.map((s) => s.name).join(', ');
	return (
		`${files}: no column maps to ${e.missing.map((r) => r.label).join('; ')}. ` +
		`Name them (${e.missing.map((r) => r.inFile).join('; ')}) in a mapping file, see docs/mapping.schema.json, and pass it with --mapping.`
	);
}

/** Wrong arguments or unreadable input: exit code 2. */
export class UsageError extends Error {}
