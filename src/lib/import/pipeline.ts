import type { LocalEngine } from '../engine/engine';
import { resolveMeasures } from '../measures/resolve';
import { buildDerivedTables, DERIVED_TABLES } from '../model/derived-tables';
import { candidatesViewSql, filesSql } from './candidates-sql';
import { observationsSql, SESSION_NUMBERS, sessionGroupsSql, sessionsSql } from './canonical-sql';
import { cleanViewSql } from './clean-sql';
import { datesLookupSql, decideDateOrder } from './dates-sql';
import { eventsLookupSql, labelsLookupSql, numbersLookupSql } from './lookups-sql';
import { coercionsSql } from './coercions-sql';
import { installImportMacros } from './macros-sql';
import { DEFAULT_EPISODE_GAP_DAYS, type Mapping } from './mapping';
import { datasetTablesQueries } from './metadata-sql';
import { problemsSql } from './problems-sql';
import type { StagedFile } from './readers/types';
import { summarise, type ImportReport } from './report';
import {
	duplicateStatusSql,
	measureNamesSql,
	rowPieces,
	rowStatusSql,
	type RowRange
} from './status-sql';
import { refuseAllRejected, refuseEmptyFiles } from './refusals';
import { MissingFieldsError, missingRequired } from './required-fields';
import { checkedMapping } from './validate-mapping';
import { cellReadingsSql, valuesSql } from './values-sql';

/**
 * Every row read must be decided exactly once (accepted + rejected = read). Checked, not
 * assumed: a broken invariant fails the import before anything is swapped in.
 */
async function checkAccounting(db: LocalEngine, files: readonly StagedFile[]) {
	const read = files.reduce((n, f) => n + f.rows, 0);
	const t = await db.query({
		sql: `SELECT count(*)::INTEGER AS decided,
		count(DISTINCT (__file_no, __row))::INTEGER AS distinct_rows FROM cand_rows`
	});
	const { decided, distinct_rows } = t.get(0)!.toJSON() as Record<string, number>;
	if (decided !== read || distinct_rows !== read) {
		throw new Error(
			`Import stopped: ${read} rows were read but ${decided} decided (${distinct_rows} distinct). Nothing was changed; please report this file.`
		);
	}
}

/** Renamed, not copied: at millions of rows a second copy would not fit in the wasm heap. */
async function swapIn(db: LocalEngine) {
	await db.query({ sql: 'ALTER TABLE sessions_next DROP COLUMN session_link' });
	await db.query({ sql: 'BEGIN TRANSACTION' });
	try {
		for (const t of DATASET_TABLES) {
			await db.query({ sql: `DROP TABLE IF EXISTS ${t}; ALTER TABLE ${t}_next RENAME TO ${t};` });
		}
		await db.query({ sql: 'COMMIT' });
	} catch (e) {
		await db.query({ sql: 'ROLLBACK' });
		throw e;
	}
}

/**
 * Work tables live in the TEMP schema, uncompressed and quick to write, except in a large import
 * the two that take the most room (a row per row read, many columns): written into the compressed
 * database like the dataset's own tables, they take a tenth of the memory and about twice the
 * time (1M rows, Node duckdb-wasm, the largest memory after any step: 949 → 180 MB; Chromium,
 * the import 20.6 → 27.3 s). Below this many rows memory is not what limits the tab, time is.
 */
const LARGE_IMPORT_ROWS = 1_500_000;
const SPACIOUS_WORK_TABLES = new Set(['cand_rows', 'session_groups']);
/**
 * A large import decides its rows, writes its sessions and attaches their scores a million rows
 * at a time, each piece committed (and so compressed) before the next: in one statement each,
 * 10M rows filled the wasm heap. REDCap's rows are decided at once (a patient's fields are
 * carried across events by a window over the patient, which pieces would cut apart), and a long
 * file's scores are attached at once (a session's rows may fall in two pieces); both are small.
 */
const PIECE_ROWS = 1_000_000;
const WORK_VIEWS = ['cell_values', 'cand_clean', 'candidates'];
const WORK_TABLES = [
	'cand_rows',
	'session_groups',
	SESSION_NUMBERS,
	'odd_cells',
	'mo_files',
	'mo_dates',
	'mo_labels',
	'mo_numbers',
	'mo_readings',
	'mo_events',
	'mo_aliases',
	'mo_user_aliases',
	'mo_measure_names',
	'mo_category_values'
];
/** The tables the importer writes; the charts read the derived tables built from them. */
const CANONICAL_TABLES = [
	'sessions',
	'observations',
	'measures',
	'dataset_info',
	'import_problems',
	'import_coercions'
];
/** Everything a dataset consists of: swapped in together, saved and restored together. */
export const DATASET_TABLES = [...CANONICAL_TABLES, ...DERIVED_TABLES];

export interface BuildOptions {
	/** The import's date: sessions after it are flagged. Always the caller's clock, never read here. */
	now: Date;
	name?: string;
	/** Told which step is running, for a long build's progress. */
	onStep?: (step: string) => void;
	/**
	 * Above this many rows read, the import is large (LARGE_IMPORT_ROWS unless told: a test, or
	 * native DuckDB, which never is).
	 */
	largeImportRows?: number;
	/** How many rows a large import takes at a time (PIECE_ROWS unless told: a test). */
	pieceRows?: number;
}

/**
 * Staged files + a mapping → the canonical tables, each step plain SQL. Everything is built
 * beside the loaded dataset and swapped in by one transaction at the end, so a failed or
 * abandoned import never changes what is loaded.
 */
export async function buildDataset(
	db: LocalEngine,
	files: readonly StagedFile[],
	candidate: Mapping,
	options: BuildOptions
): Promise<ImportReport> {
	// Checked before any SQL is built: whatever the screen, storage or a file holds.
	const mapping = checkedMapping(candidate);
	refuseEmptyFiles(files);
	const missing = missingRequired(mapping);
	if (missing.length) throw new MissingFieldsError(missing);
	const { now } = options;
	const measures = resolveMeasures(Object.keys(mapping.measures), mapping.customMeasures);
	const notes: string[] = [];
	const large =
		files.reduce((n, f) => n + f.rows, 0) > (options.largeImportRows ?? LARGE_IMPORT_ROWS);
	const temp = (name: string, sql: string) => {
		const kept = name.endsWith('_next') || (large && SPACIOUS_WORK_TABLES.has(name));
		return db.query({ sql: `CREATE OR REPLACE ${kept ? '' : 'TEMP'} TABLE ${name} AS ${sql}` });
	};
	/** `select` written into `table`: at once, or in a large import piece by piece if `pieceable`. */
	const write = async (table: string, select: (rows?: RowRange) => string, pieceable: boolean) => {
		if (!large || !pieceable) return temp(table, select());
		const [first, ...rest] = rowPieces(files, options.pieceRows ?? PIECE_ROWS);
		await temp(table, select(first));
		for (const rows of rest) await db.query({ sql: `INSERT INTO ${table} ${select(rows)}` });
	};
	const step = options.onStep ?? (() => {});
	try {
		step('Reading dates, numbers and categories');
		await installImportMacros(db);
		if (mapping.layout === 'redcap') {
			notes.push(
				"REDCap: a patient's clinic, therapist, condition, technique, age and sex are carried from the event that records them to the patient's other events."
			);
		}
		await db.query({ sql: filesSql(files) });
		await db.query({ sql: candidatesViewSql([...files], mapping, notes) });
		const dates = await decideDateOrder(db, mapping);
		if (dates.note) notes.push(dates.note);
		await db.query({ sql: datesLookupSql(dates.order) });
		await db.query({ sql: labelsLookupSql(mapping) });
		await db.query({ sql: numbersLookupSql() });
		if (mapping.layout === 'redcap') await db.query({ sql: eventsLookupSql() });
		await db.query({ sql: cleanViewSql(mapping) });
		await db.query({ sql: measureNamesSql(mapping) });
		step('Checking every row');
		await write('cand_rows', (rows) => rowStatusSql(mapping, rows), mapping.layout !== 'redcap');
		for (const sql of duplicateStatusSql(mapping)) await db.query({ sql });
		await checkAccounting(db, files);
		await refuseAllRejected(db, files);
		await temp('mo_readings', cellReadingsSql(mapping, measures));
		await db.query({ sql: `CREATE OR REPLACE TEMP VIEW cell_values AS ${valuesSql(mapping)}` });
		// The few cells that were not plain valid numbers: all that problems and coercions read.
		await temp(
			'odd_cells',
			`SELECT * FROM cell_values WHERE NOT valid OR kind <> 'plain' OR padded`
		);
		step('Listing problems');
		await temp('import_problems_next', problemsSql(mapping, now));
		await temp('import_coercions_next', coercionsSql(mapping));
		step('Building sessions and episodes of care');
		await temp('session_groups', sessionGroupsSql(mapping));
		const gap = mapping.episodeGapDays ?? DEFAULT_EPISODE_GAP_DAYS;
		const { numbers, sessions } = await sessionsSql(db, gap, mapping.layout);
		await temp(SESSION_NUMBERS, numbers);
		await write('sessions_next', sessions, true);
		step('Attaching scores');
		const keys = measures.map((m) => m.key);
		await write(
			'observations_next',
			(rows) => observationsSql(keys, rows),
			mapping.layout !== 'long'
		);
		for (const spec of datasetTablesQueries(
			measures,
			mapping,
			files,
			dates.order,
			now,
			options.name
		))
			await db.query(spec);
		step('Computing improvement per episode of care');
		await buildDerivedTables(db, '_next');
		await swapIn(db);
		return await summarise(db, files, mapping, [...new Set(notes)]);
	} finally {
		const tables = [...WORK_TABLES, ...DATASET_TABLES.map((t) => `${t}_next`)];
		await db.query({
			sql: [
				...WORK_VIEWS.map((v) => `DROP VIEW IF EXISTS ${v};`),
				...tables.map((t) => `DROP TABLE IF EXISTS ${t};`)
			].join('\n')
		});
	}
}
