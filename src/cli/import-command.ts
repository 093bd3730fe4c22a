import { rowObjects } from '../lib/engine/rows';
import type { LocalEngine } from '../lib/engine/engine';
import type { ImportOutcome } from '../lib/import/import-files';
import { reasonLabel, severityLabel } from '../lib/import/reasons';
import { problemsExportQuery } from '../lib/import/report-queries';
import { datasetFileEngine } from './dataset-file';
import { importDataset } from './import-dataset';

export { UsageError } from './usage-error';

export interface ImportArgs {
	files: string[];
	mapping?: string;
	json: boolean;
	now?: string;
	/** Also write the dataset (canonical and analysis tables) to this DuckDB file. */
	out?: string;
}

/**
 * The same import the browser runs, on DuckDB in Node; returns what the command prints. With
 * `out`, on native DuckDB writing into that file (dataset-file.ts), which the server then reads.
 */
export async function runImport(args: ImportArgs): Promise<string> {
	const file = args.out ? await datasetFileEngine(args.out) : null;
	// Native DuckDB moves TEMP tables to disk when memory runs short: only the wasm heap needs a
	// large import's work tables compressed, which would write them into the dataset file here.
	const build = file ? { largeImportRows: Number.POSITIVE_INFINITY } : {};
	const { db, outcome } = await importDataset(args, undefined, file?.open, build).catch(
		async (e: unknown) => {
			await file?.discard();
			throw e;
		}
	);
	let printed: string;
	try {
		printed = await report(db, outcome, args);
	} catch (e) {
		await db.close();
		await file?.discard();
		throw e;
	}
	if (!file) {
		await db.close();
		return printed;
	}
	await file.commit();
	return args.json ? printed : `${printed}\nDataset written to ${args.out}.`;
}

async function report(db: LocalEngine, outcome: ImportOutcome, args: ImportArgs) {
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
		problems,
		...(args.out ? { out: args.out } : {})
	});
}

function describe(report: ImportOutcome['report'], problems: number): string {
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
