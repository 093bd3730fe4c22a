import type { LocalEngine } from '../../engine/engine';
import { quoteIdent, quoteString } from '../../engine/quote';
import { PlainError } from '../../errors/user-error';
import { stagingColumnNames } from './columns';
import { normaliseRecordEnds, recordChunks } from './csv-chunks';
import { detectDialect, type Dialect } from './csv-dialect';
import { GroupedCommits } from '../../engine/grouped-commits';
import { bomLength, decodeChunk, type Encoding } from './decode';
import { SOURCE_ROW, type ReadOptions, type SourceFile, type StagedFile } from './types';

const CHUNK_BYTES = 8 << 20;
/** Pieces per transaction (engine/grouped-commits.ts): ~32 MB of CSV. */
const PIECES_PER_COMMIT = 4;
/** Fields beyond the header that a row may carry before the file is refused outright. */
const SPARE_FIELDS = 16;
/**
 * More columns than any session export has (they have a few dozen): such a first line is not a
 * header, e.g. a whole file written on one line. Refused at once, before DuckDB reads it.
 */
const MAX_COLUMNS = 1000;
/** How many non-empty fields a row had beyond the header (the row is then rejected). */
export const EXTRA_FIELDS = '__extra_fields';

class NotUtf8 extends Error {}

/** CSV/TSV of any common dialect into a staging table, piece by piece, with progress. */
export async function readCsv(
	db: LocalEngine,
	source: SourceFile,
	table: string,
	options: ReadOptions = {},
	chunkBytes = CHUNK_BYTES
): Promise<StagedFile> {
	const read = (encoding: Encoding) => readAs(encoding, db, source, table, options, chunkBytes);
	try {
		return await read('utf-8');
	} catch (e) {
		if (!(e instanceof NotUtf8)) throw e;
		return read('windows-1252');
	}
}

async function readAs(
	encoding: Encoding,
	db: LocalEngine,
	source: SourceFile,
	table: string,
	options: ReadOptions,
	chunkBytes: number
): Promise<StagedFile> {
	const encoder = new TextEncoder();
	let dialect: Dialect | null = null;
	let columns: string[] = [];
	let rows = 0;
	let blank = 0;
	const commits = new GroupedCommits(db, PIECES_PER_COMMIT);
	try {
		for await (const chunk of recordChunks(source.blob, chunkBytes)) {
			let bytes = chunk.bytes;
			if (chunk.start === 0) bytes = bytes.subarray(bomLength(bytes));
			let text = decodeChunk(bytes, encoding);
			if (text === null) throw new NotUtf8();
			if (!dialect) {
				dialect = detectDialect(text.slice(0, 1 << 16));
				columns = stagingColumnNames(dialect.header);
				if (columns.length > MAX_COLUMNS) throw notATable(source.name);
				await createStaging(db, table, columns);
				bytes = bytes.subarray(encoder.encode(text.slice(0, dialect.headerLength)).length);
				text = text.slice(dialect.headerLength);
			}
			const read = dialect;
			// A fresh buffer either way: registering hands it to DuckDB's worker.
			const utf8 = normaliseRecordEnds(encoding === 'utf-8' ? bytes : encoder.encode(text));
			if (utf8.length) {
				const counts = await commits
					.write(() => insertChunk(db, table, columns, read, utf8, rows))
					.catch((e: unknown) => {
						throw unreadable(source.name, e, rows);
					});
				rows += counts.kept;
				blank += counts.blank;
			}
			options.onProgress?.({
				bytesRead: chunk.start + chunk.bytes.length,
				totalBytes: source.blob.size,
				rows
			});
		}
		await commits.commit();
	} catch (e) {
		await commits.rollback();
		throw e;
	}
	if (!dialect) throw new Error(`${source.name} is empty.`);
	const notes = [
		`Read as ${encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252 (not valid UTF-8)'}, ` +
			`delimiter ${describe(dialect.delimiter)}.`
	];
	if (blank)
		notes.push(`${blank} blank row${blank === 1 ? '' : 's'} skipped (not counted as records).`);
	return { file: source.name, format: 'csv', table, columns, rows, notes };
}

const notATable = (file: string) =>
	new PlainError(
		`${file}: the first line has more than ${MAX_COLUMNS.toLocaleString('en')} fields, far more ` +
			'than a session export has columns. It does not look like a table with one row per line: ' +
			'check it is the right file, exported as CSV with one row per session.'
	);

/** DuckDB's CSV error in plain words: which file, about where, what to try. */
function unreadable(file: string, e: unknown, rowsBefore: number): PlainError {
	const text = e instanceof Error ? e.message : String(e);
	const line = /CSV Error on Line: (\d+)/.exec(text)?.[1];
	const where = line
		? ` at or near data row ${(rowsBefore + Number(line)).toLocaleString('en')}`
		: '';
	const what = /Expected Number of Columns/.test(text)
		? `a row has many more fields than the header (more than ${SPARE_FIELDS} extra)`
		: 'it is not valid CSV';
	return new PlainError(
		`${file} could not be read${where}: ${what}. Check the delimiter and the quoting, or export the file again as CSV.`,
		{ cause: e }
	);
}

function describe(d: string) {
	return { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' }[d] ?? JSON.stringify(d);
}

async function createStaging(db: LocalEngine, table: string, columns: string[]) {
	const defs = columns.map((c) => `${quoteIdent(c)} VARCHAR`).join(', ');
	await db.query({
		sql: `CREATE OR REPLACE TABLE ${quoteIdent(table)} (
		${SOURCE_ROW} INTEGER, ${EXTRA_FIELDS} INTEGER, ${defs})`
	});
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
function withBom(bytes: Uint8Array): Uint8Array {
	const out = new Uint8Array(UTF8_BOM.length + bytes.length);
	out.set(UTF8_BOM);
	out.set(bytes, UTF8_BOM.length);
	return out;
}

async function insertChunk(
	db: LocalEngine,
	table: string,
	columns: string[],
	dialect: Dialect,
	bytes: Uint8Array,
	offset: number
): Promise<{ kept: number; blank: number }> {
	const file = `csv-chunk-${crypto.randomUUID()}.csv`;
	const positional = columns.map((_, i) => `c${i}`);
	const spare = Array.from({ length: SPARE_FIELDS }, (_, i) => `x${i}`);
	const spec = [...positional, ...spare].map((c) => `${quoteString(c)}: 'VARCHAR'`).join(', ');
	const extra = spare.map((x) => `(nullif(trim(${x}), '') IS NOT NULL)::INTEGER`).join(' + ');
	// DuckDB drops a byte-order mark at the start of what it reads. The file's own was cut off
	// before the header, so one leading the chunk is the first record's text (a patient id that
	// starts with U+FEFF): the chunk gets a mark of its own for DuckDB to drop instead.
	await db.registerFile(file, withBom(bytes));
	try {
		await db.query({
			sql: `CREATE OR REPLACE TEMP TABLE csv_chunk AS
			SELECT * FROM read_csv(${quoteString(file)}, auto_detect = false, header = false,
				delim = ${quoteString(dialect.delimiter)}, quote = '"', escape = '"', new_line = '\\n',
				null_padding = true, parallel = false, columns = {${spec}})`
		});
		const kept = await db.query({
			sql: `INSERT INTO ${quoteIdent(table)}
			SELECT (row_number() OVER () + ${offset})::INTEGER, ${extra}, ${positional.join(', ')}
			FROM csv_chunk WHERE trim(concat_ws('', ${[...positional, ...spare].join(', ')})) <> ''`
		});
		const total = await db.query({ sql: 'SELECT count(*)::INTEGER AS n FROM csv_chunk' });
		// Not in `finally`: after a failed read the transaction refuses every statement until it
		// is rolled back (which drops the piece's table), and that refusal would hide DuckDB's
		// message about the CSV.
		await db.query({ sql: 'DROP TABLE csv_chunk' });
		const keptRows = Number(kept.getChild('Count')?.get(0) ?? 0);
		return { kept: keptRows, blank: Number(total.getChild('n')?.get(0)) - keptRows };
	} finally {
		await db.dropFile(file);
	}
}
