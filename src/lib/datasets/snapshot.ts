import { rowsInStream, streamOfFile } from '../engine/arrow-ipc';
import type { LocalEngine } from '../engine/engine';
import { GroupedCommits } from '../engine/grouped-commits';
import { quoteIdent } from '../engine/quote';

/**
 * One table as stored between sessions, or one part of it: how to create it, and its rows as
 * Arrow IPC. A table of more than PART_ROWS rows is saved as several parts in a row, the first
 * as any table, the others marked `more`: one Arrow buffer of a whole large table would not fit
 * in the wasm heap (4M sessions: episode_points, 12M rows, asked for one 1 GiB buffer).
 */
export interface TableSnapshot {
	name: string;
	ddl: string;
	/**
	 * An Arrow IPC file, as DuckDB wrote it, in a Blob from the moment it leaves the engine. The
	 * browser keeps a Blob's bytes outside the tab (and spills them to disk), so a large dataset is
	 * never held whole in the page. 10M sessions are about 3.5 GB of Arrow: held as arrays, they
	 * took the tab's peak memory to 7.5 GB while saving and 3.3 GB while reopening; as Blobs,
	 * 3.9–4.2 GB (the engine's heap) and 1.1–1.3 GB (`npm run bench -- --only tab-import`).
	 */
	ipc: Blob;
	/**
	 * How many rows the snapshot holds: a restore checks it got them all, and skips the import
	 * of an empty table. Snapshots saved before it was recorded have none (see `stage`).
	 */
	rows?: number;
	/** On a table's first part: how many parts it was saved in (none: one). */
	parts?: number;
	/** A further part of the table the snapshot before it began (same name and DDL). */
	more?: boolean;
	/**
	 * Whether ENUM columns hold their codes (the value's position in the type, as `enum_code`
	 * gives it) rather than their text. Snapshots saved before have the text (see `stage`).
	 */
	enumCodes?: boolean;
}

/**
 * The engine opens DuckDB with castBigIntToDouble, so 64/128-bit integers would come out as
 * doubles and lose digits beyond 2^53. As text they round-trip exactly; INSERT casts them back.
 */
const WIDE_INTEGERS = new Set(['BIGINT', 'UBIGINT', 'HUGEINT', 'UHUGEINT']);

// Only tables of the default schema: temporary tables and other schemas are not dataset tables.
const IN_DEFAULT_SCHEMA = 'schema_name = current_schema() AND database_name = current_database()';

/**
 * The most rows one part holds: ~40 MB of Arrow for the widest derived table. Each part crosses
 * the page on its way from the engine to storage: 1M-row parts (~160 MB) gave the page a 123 ms
 * task receiving one at 10M sessions (62 ms of it collecting garbage); at 250k rows no task on
 * the page reached 30 ms.
 */
export const PART_ROWS = 250_000;
/**
 * A restore commits about this many rows at a time. Committed part by part, DuckDB compressed
 * each table's last unfilled row group again at every commit; inside a transaction a part's
 * staged rows are written, read once and dropped without ever being compressed, which took the
 * opening of a saved 1M-session dataset in Chromium from 6.1 to 4.7 s. A whole table left
 * uncommitted would sit uncompressed in memory.
 */
const COMMIT_ROWS = 1_000_000;

export interface SnapshotOptions {
	/** The most rows a part holds (PART_ROWS unless told: a test). */
	partRows?: number;
	/**
	 * Makes a part's Blob; may take the bytes over (the array is unusable afterwards). Blobs are
	 * made in place unless told: the page hands its bytes to the storage worker, because the
	 * Blob constructor copies them on the thread that calls it (a 160 MB part: ~100 ms, a
	 * stalled page).
	 */
	blob?: (bytes: Uint8Array) => Promise<Blob>;
}

export async function snapshotTables(
	db: LocalEngine,
	names: string[],
	{ partRows = PART_ROWS, blob = async (bytes) => blobOf(bytes) }: SnapshotOptions = {}
): Promise<TableSnapshot[]> {
	const snapshots: TableSnapshot[] = [];
	for (const name of names) {
		const found = await db.query({
			sql: `SELECT sql FROM duckdb_tables() WHERE table_name = ? AND ${IN_DEFAULT_SCHEMA}`,
			params: [name]
		});
		const ddl: unknown = found.getChild('sql')?.get(0);
		if (typeof ddl !== 'string') throw new Error(`There is no table named ${name} to save`);
		const rows = await countRows(db, quoteIdent(name));

		const list = (await columnsOf(db, name)).map(({ column, type }) => {
			if (WIDE_INTEGERS.has(type)) return `${column}::VARCHAR AS ${column}`;
			// Small integers, not a dictionary of text: the engine reads them back 2–3 times as
			// fast (1M sessions: episode_points 6.2 → 2.7 s), the biggest part of opening a dataset.
			return isEnum(type) ? `enum_code(${column}) AS ${column}` : column;
		});
		const select = `SELECT ${list.join(', ')} FROM ${quoteIdent(name)}`;
		// Straight from the engine: serialising here would stall the page for large tables.
		if (rows <= partRows) {
			const ipc = await blob(await db.exportIpc(select));
			snapshots.push({ name, ddl, ipc, rows, enumCodes: true });
			continue;
		}
		// Parts by ranges of rowid, in its order (the table's own): every row falls in one.
		const parts: TableSnapshot[] = [];
		const { first, last } = await rowidSpan(db, quoteIdent(name));
		for (let from = first; from <= last; from += partRows) {
			const part = `${select} WHERE rowid >= ${from} AND rowid < ${from + partRows}`;
			const ipc = await db.exportIpc(`${part} ORDER BY rowid`);
			// Its rows as the bytes themselves say, from the batches' headers: no second scan.
			const stream = streamOfFile(ipc);
			if (!stream) throw new Error(`${name} could not be saved whole`);
			const count = rowsInStream(stream);
			const more = parts.length > 0;
			parts.push({ name, ddl, ipc: await blob(ipc), rows: count, enumCodes: true, more });
		}
		if (parts.reduce((n, p) => n + p.rows!, 0) !== rows)
			throw new Error(`${name} changed while it was being saved`);
		parts[0]!.parts = parts.length;
		snapshots.push(...parts);
	}
	return snapshots;
}

/** Bytes as a Blob of their own. (They come from the engine or storage, never shared memory.) */
export const blobOf = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);

async function rowidSpan(db: LocalEngine, table: string) {
	const span = await db.query({
		sql: `SELECT min(rowid)::DOUBLE AS first, max(rowid)::DOUBLE AS last FROM ${table}`
	});
	return span.get(0)!.toJSON() as { first: number; last: number };
}

/**
 * Replaces (or creates) each snapshot's table. All tables are first built under temporary names
 * and only then swapped in by one transaction, so a bad snapshot leaves the current tables as
 * they were. The DDL is executed as SQL: it must come from snapshotTables (trusted storage).
 * Each part's bytes are read from its Blob only when it is its turn, and handed to the engine
 * unparsed: the page holds one part at a time, never the whole dataset.
 */
export async function restoreTables(db: LocalEngine, snapshots: TableSnapshot[]): Promise<void> {
	const tables = partsByTable(snapshots);
	const tag = `__restore_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const staged = tables.map((parts, i) => ({ name: parts[0]!.name, parts, temp: `${tag}_${i}` }));
	try {
		for (const { parts, temp } of staged) await stage(db, parts, temp);
		const swaps = staged.map(
			({ name, temp }) =>
				`DROP TABLE IF EXISTS ${quoteIdent(name)}; ` +
				`ALTER TABLE ${quoteIdent(temp)} RENAME TO ${quoteIdent(name)};`
		);
		// One call, so no other query of the app can run inside the transaction.
		await db
			.query({ sql: `BEGIN TRANSACTION; ${swaps.join(' ')} COMMIT;` })
			.catch(async (e: unknown) => {
				// A failed statement leaves the transaction open: undo the drops done so far.
				await db.query({ sql: 'ROLLBACK' }).catch(() => {});
				throw e;
			});
	} finally {
		for (const { temp } of staged)
			await db.query({ sql: `DROP TABLE IF EXISTS ${quoteIdent(temp)}` });
	}
}

/** Each table's snapshots: one, or its parts in order; anything else is not a saved dataset. */
function partsByTable(snapshots: TableSnapshot[]): TableSnapshot[][] {
	const tables: TableSnapshot[][] = [];
	for (const snapshot of snapshots) {
		const last = tables.at(-1);
		if (snapshot.more) {
			if (last?.[0]!.name !== snapshot.name || last[0]!.ddl !== snapshot.ddl)
				throw new Error(`A part of ${snapshot.name} was saved without its table`);
			last.push(snapshot);
		} else tables.push([snapshot]);
	}
	const names = tables.map((t) => t[0]!.name);
	if (new Set(names).size !== names.length) throw new Error('Two snapshots share a table name');
	const cut = tables.find((t) => t.length !== (t[0]!.parts ?? 1));
	if (cut) throw new Error(`The saved rows of ${cut[0]!.name} are incomplete (a part is missing)`);
	return tables;
}

/**
 * Creates the table as `temp` and fills it with the rows of each of its parts. The page only
 * checks the bytes' framing; the rows are read where the engine runs (a 2M-row dataset is about
 * 200 MB: parsing and re-serialising it here stalled the page).
 */
async function stage(db: LocalEngine, parts: TableSnapshot[], temp: string): Promise<void> {
	const { name, ddl } = parts[0]!;
	await db.query({ sql: withTableName(ddl, name, temp) });
	let rows = 0;
	// Worked out once for the table, not for each of its parts.
	const decoded = await decodedColumns(db, temp);
	const commits = new GroupedCommits(db, COMMIT_ROWS);
	try {
		for (const part of parts)
			rows += await commits.write(() => fill(db, part, temp, decoded), part.rows ?? PART_ROWS);
		await commits.commit();
	} catch (e) {
		await commits.rollback();
		throw e;
	}
	const restored = await countRows(db, quoteIdent(temp));
	if (restored !== rows)
		throw new Error(`The saved rows of ${name} are incomplete (${restored} of ${rows} rows)`);
}

/**
 * Adds one snapshot's rows to `temp`, its ENUM codes (if it saved codes) turned back into values
 * as `decoded` says; returns how many rows it says it holds.
 */
async function fill(
	db: LocalEngine,
	snapshot: TableSnapshot,
	temp: string,
	decoded: Decoded
): Promise<number> {
	const incomplete = `The saved rows of ${snapshot.name} are incomplete`;
	// Cut or unterminated bytes stop here: the engine would read fewer rows, or none, silently.
	const stream = streamOfFile(new Uint8Array(await snapshot.ipc.arrayBuffer()));
	if (!stream) throw new Error(incomplete);
	// Older snapshots did not record their rows: their batches' headers say how many there are.
	const rows = snapshot.rows ?? rowsInStream(stream);
	// duckdb-wasm refuses a stream without record batches; the DDL alone makes the empty table.
	if (rows === 0) return 0;
	const staged = quoteIdent(`${temp}_rows`);
	try {
		await db.importIpc(`${temp}_rows`, stream);
		// Wide integers were saved as text, ENUMs as codes (or, before, text): the INSERT casts
		// each column back to the type the DDL declares, failing on invalid values.
		const { values, invalid } = snapshot.enumCodes ? decoded : { values: '*', invalid: null };
		if (invalid) {
			const sql = `SELECT count(*)::DOUBLE AS n FROM ${staged} WHERE ${invalid}`;
			if (Number((await db.query({ sql })).getChild('n')?.get(0)) > 0)
				throw new Error(`A saved value of ${snapshot.name} is not one of its column's values`);
		}
		await db.query({
			sql: `INSERT INTO ${quoteIdent(temp)} SELECT ${values} FROM ${staged}`
		});
	} finally {
		// Refused in a transaction an engine error has aborted: its rollback then removes it.
		await db.query({ sql: `DROP TABLE IF EXISTS ${staged}` }).catch(() => {});
	}
	return rows;
}

const isEnum = (type: string) => type.startsWith('ENUM(');

/**
 * The staged columns in `table`'s order, each ENUM code turned back into its value of the type
 * `table` declares (the saved DDL's: trusted storage, as the DDL itself), and what makes a code
 * invalid (beyond the type's values: it would become a silent NULL), or null without ENUMs.
 * Codes index the type's values as a list of that type: no text is made and cast back to the
 * ENUM, which took three times as long (episode_points of 1M sessions: 3.1 s, now 1.1 s, as long
 * as a plain copy; opening that dataset in Chromium: 7.5 → 6.1 s).
 */
interface Decoded {
	values: string;
	invalid: string | null;
}

async function decodedColumns(db: LocalEngine, table: string): Promise<Decoded> {
	const columns = await columnsOf(db, table);
	const values = columns.map(({ column, type }) =>
		isEnum(type) ? `(enum_range(NULL::${type})::${type}[])[${column} + 1]` : column
	);
	const invalid = columns
		.filter(({ type }) => isEnum(type))
		.map(({ column, type }) => `${column} < 0 OR ${column} >= len(enum_range(NULL::${type}))`);
	return { values: values.join(', '), invalid: invalid.join(' OR ') || null };
}

/** A table's columns in order: each name quoted for SQL, and its type as DuckDB writes it. */
async function columnsOf(db: LocalEngine, table: string) {
	const columns = await db.query({
		sql: `SELECT column_name, data_type FROM duckdb_columns()
		 WHERE table_name = ? AND ${IN_DEFAULT_SCHEMA} ORDER BY column_index`,
		params: [table]
	});
	return columns.toArray().map(({ column_name, data_type }) => ({
		column: quoteIdent(String(column_name)),
		type: String(data_type)
	}));
}

async function countRows(db: LocalEngine, table: string): Promise<number> {
	const counted = await db.query({ sql: `SELECT count(*)::DOUBLE AS n FROM ${table}` });
	return Number(counted.getChild('n')?.get(0));
}

/**
 * DuckDB writes `CREATE TABLE name(` with the name quoted only when it needs quotes; anything
 * else means the DDL was not written by DuckDB for this table, so it is refused.
 */
function withTableName(ddl: string, name: string, temp: string): string {
	for (const written of [quoteIdent(name), name]) {
		const prefix = `CREATE TABLE ${written}(`;
		if (ddl.startsWith(prefix))
			return `CREATE TABLE ${quoteIdent(temp)}(${ddl.slice(prefix.length)}`;
	}
	throw new Error(`The saved definition of ${name} is not a CREATE TABLE statement for it`);
}
