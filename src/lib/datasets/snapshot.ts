import { rowsInStream, streamOfFile } from '../engine/arrow-ipc';
import type { LocalEngine } from '../engine/engine';
import { quoteIdent } from '../engine/quote';

/** One table as stored between sessions: how to create it, and its rows as Arrow IPC. */
export interface TableSnapshot {
	name: string;
	ddl: string;
	/** An Arrow IPC file, as DuckDB wrote it. */
	ipc: Uint8Array;
	/**
	 * How many rows the table had when saved: a restore checks it got them all, and skips the
	 * import of an empty table. Snapshots saved before it was recorded have none (see `stage`).
	 */
	rows?: number;
}

/**
 * The engine opens DuckDB with castBigIntToDouble, so 64/128-bit integers would come out as
 * doubles and lose digits beyond 2^53. As text they round-trip exactly; INSERT casts them back.
 */
const WIDE_INTEGERS = new Set(['BIGINT', 'UBIGINT', 'HUGEINT', 'UHUGEINT']);

// Only tables of the default schema: temporary tables and other schemas are not dataset tables.
const IN_DEFAULT_SCHEMA = 'schema_name = current_schema() AND database_name = current_database()';

export async function snapshotTables(db: LocalEngine, names: string[]): Promise<TableSnapshot[]> {
	const snapshots: TableSnapshot[] = [];
	for (const name of names) {
		const found = await db.query({
			sql: `SELECT sql FROM duckdb_tables() WHERE table_name = ? AND ${IN_DEFAULT_SCHEMA}`,
			params: [name]
		});
		const ddl: unknown = found.getChild('sql')?.get(0);
		if (typeof ddl !== 'string') throw new Error(`There is no table named ${name} to save`);
		const rows = await countRows(db, quoteIdent(name));

		const columns = await db.query({
			sql: `SELECT column_name, data_type FROM duckdb_columns()
			 WHERE table_name = ? AND ${IN_DEFAULT_SCHEMA} ORDER BY column_index`,
			params: [name]
		});
		const list = columns.toArray().map(({ column_name, data_type }) => {
			const column = quoteIdent(String(column_name));
			return WIDE_INTEGERS.has(String(data_type)) ? `${column}::VARCHAR AS ${column}` : column;
		});
		// Straight from the engine: serialising here would stall the page for large tables.
		const ipc = await db.exportIpc(`SELECT ${list.join(', ')} FROM ${quoteIdent(name)}`);
		snapshots.push({ name, ddl, ipc, rows });
	}
	return snapshots;
}

/**
 * Replaces (or creates) each snapshot's table. All tables are first built under temporary names
 * and only then swapped in by one transaction, so a bad snapshot leaves the current tables as
 * they were. The DDL is executed as SQL: it must come from snapshotTables (trusted storage).
 * The row bytes are handed to the engine unparsed: in the browser they are transferred to its
 * worker, so the snapshots' `ipc` buffers are unusable afterwards.
 */
export async function restoreTables(db: LocalEngine, snapshots: TableSnapshot[]): Promise<void> {
	const names = snapshots.map((s) => s.name);
	if (new Set(names).size !== names.length) throw new Error('Two snapshots share a table name');

	const tag = `__restore_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const staged = snapshots.map((snapshot, i) => ({ snapshot, temp: `${tag}_${i}` }));
	try {
		for (const { snapshot, temp } of staged) await stage(db, snapshot, temp);
		const swaps = staged.map(
			({ snapshot, temp }) =>
				`DROP TABLE IF EXISTS ${quoteIdent(snapshot.name)}; ` +
				`ALTER TABLE ${quoteIdent(temp)} RENAME TO ${quoteIdent(snapshot.name)};`
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

/**
 * Creates the snapshot's table as `temp` and fills it with the snapshot's rows. The page only
 * checks the bytes' framing; the rows are read where the engine runs (a 2M-row dataset is about
 * 200 MB: parsing and re-serialising it here stalled the page).
 */
async function stage(db: LocalEngine, snapshot: TableSnapshot, temp: string): Promise<void> {
	const { name, ddl, ipc } = snapshot;
	const incomplete = `The saved rows of ${name} are incomplete`;
	// Cut or unterminated bytes stop here: the engine would read fewer rows, or none, silently.
	const stream = streamOfFile(ipc);
	if (!stream) throw new Error(incomplete);
	// Older snapshots did not record their rows: their batches' headers say how many there are.
	const rows = snapshot.rows ?? rowsInStream(stream);

	await db.query({ sql: withTableName(ddl, name, temp) });
	// duckdb-wasm refuses a stream without record batches; the DDL alone makes the empty table.
	if (rows === 0) return;
	const staged = `${temp}_rows`;
	try {
		await db.importIpc(staged, stream);
		// Arrow has no ENUM (it arrives as VARCHAR) and wide integers were saved as text: the
		// INSERT casts each column back to the type the DDL declares, failing on invalid values.
		await db.query({ sql: `INSERT INTO ${quoteIdent(temp)} SELECT * FROM ${quoteIdent(staged)}` });
	} finally {
		await db.query({ sql: `DROP TABLE IF EXISTS ${quoteIdent(staged)}` });
	}
	const restored = await countRows(db, quoteIdent(temp));
	if (restored !== rows) throw new Error(`${incomplete} (${restored} of ${rows} rows)`);
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
