import { openAsBlob } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import type { LocalEngine } from '../lib/engine/engine';
import { createNodeEngine } from '../lib/engine/node-engine';
import { importFiles, type ImportOutcome } from '../lib/import/import-files';
import type { BuildOptions } from '../lib/import/pipeline';
import { MissingFieldsError } from '../lib/import/required-fields';
import { readMappingFile } from './mapping-file';
import { UsageError } from './usage-error';

export interface DatasetArgs {
	files: string[];
	mapping?: string;
	now?: string;
}

/**
 * What every command starts with: the files imported as the browser imports them, into a fresh
 * DuckDB in Node (canonical and derived tables; by default duckdb-wasm, the browser's own
 * engine, else the one `engine` opens). The caller owns `db` and closes it.
 */
export async function importDataset(
	args: DatasetArgs,
	setup: (db: LocalEngine) => Promise<void> = async () => {},
	engine: () => Promise<LocalEngine> = createNodeEngine,
	build: Pick<BuildOptions, 'largeImportRows'> = {}
): Promise<{ db: LocalEngine; outcome: ImportOutcome }> {
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
	const db = await engine();
	try {
		await setup(db);
		const outcome = await importFiles(db, sources, { ...build, mapping, now }).catch(
			(e: unknown) => {
				throw e instanceof MissingFieldsError ? new Error(howToMap(sources, e)) : e;
			}
		);
		return { db, outcome };
	} catch (e) {
		await db.close();
		throw e;
	}
}

/** One line: what no column maps to, and where a mapping file says it. */
function howToMap(sources: readonly { name: string }[], e: MissingFieldsError): string {
	const files = sources.map((s) => s.name).join(', ');
	return (
		`${files}: no column maps to ${e.missing.map((r) => r.label).join('; ')}. ` +
		`Name them (${e.missing.map((r) => r.inFile).join('; ')}) in a mapping file, see docs/mapping.schema.json, and pass it with --mapping.`
	);
}
