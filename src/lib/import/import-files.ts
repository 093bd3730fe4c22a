import type { LocalEngine } from '../engine/engine';
import { quoteIdent } from '../engine/quote';
import { suggestMapping } from './auto-map';
import type { Mapping } from './mapping';
import { buildDataset, type BuildOptions } from './pipeline';
import { stageFile } from './readers';
import type { ReadOptions, SourceFile, StagedFile } from './readers/types';
import type { ImportReport } from './report';

export interface ImportOutcome {
	report: ImportReport;
	mapping: Mapping;
	staged: StagedFile[];
}

/** Reads every file into its own staging table (several files make one dataset). */
export async function stageFiles(
	db: LocalEngine,
	sources: readonly SourceFile[],
	options: ReadOptions & { table?: (i: number) => string } = {}
): Promise<StagedFile[]> {
	const { table = (i: number) => `staged_${i}` } = options;
	const staged: StagedFile[] = [];
	try {
		for (const [i, source] of sources.entries()) {
			staged.push(await stageFile(db, source, table(i), options));
		}
	} catch (e) {
		// A file that fails to read leaves none of the set behind.
		await dropStaged(db, [...staged, { table: table(staged.length) }]);
		throw e;
	}
	return staged;
}

export async function dropStaged(db: LocalEngine, staged: readonly Pick<StagedFile, 'table'>[]) {
	for (const s of staged) await db.query({ sql: `DROP TABLE IF EXISTS ${quoteIdent(s.table)}` });
}

/** The whole import in one call (command line, tests): read, map (or use the given mapping), build. */
export async function importFiles(
	db: LocalEngine,
	sources: readonly SourceFile[],
	options: BuildOptions & ReadOptions & { mapping?: Mapping }
): Promise<ImportOutcome> {
	const staged = await stageFiles(db, sources, options);
	try {
		const suggestion = options.mapping ? null : await suggestMapping(db, staged);
		const mapping = options.mapping ?? suggestion!.mapping;
		const report = await buildDataset(db, staged, mapping, options);
		report.notes.unshift(...(suggestion?.notes ?? []));
		return { report, mapping, staged };
	} finally {
		await dropStaged(db, staged);
	}
}
