import type { Table } from 'apache-arrow';
import type { Coordinator } from '../engine/coordinator';
import { rowObjects } from '../engine/rows';
import { refusal } from './console-errors';
import { columnsQuery, countQuery, pageQuery } from './console-sql';
import { csvExportQuery, parquetExportQuery, parquetKind, type ResultColumn } from './export-sql';

/** One page of a console query's result, with what it was read from. */
export interface ConsolePage {
	text: string;
	columns: ResultColumn[];
	/** Each row's values as DuckDB writes them; null is SQL NULL. */
	rows: (string | null)[][];
	/** Rows in the whole result. */
	total: number;
	offset: number;
	/** The data version it was read at: a later write makes it stale. */
	version: number;
}

/** The page's cells in column order, text verbatim (rowObjects keeps a leading U+FEFF). */
function cells(table: Table): (string | null)[][] {
	const names = table.schema.fields.map((f) => f.name);
	return rowObjects<Record<string, string | null>>(table).map((row) =>
		names.map((n) => row[n] ?? null)
	);
}

/** Refused texts fail here, before any engine work (see refusal). */
function checked(text: string): string {
	const refused = refusal(text);
	if (refused) throw refused;
	return text;
}

/**
 * Runs a researcher's query through the coordinator's read-only session (its own connection, a
 * read-only transaction rolled back, one prepared statement at a time): its columns, how many
 * rows it has, and the page at `offset`.
 */
export async function runConsoleQuery(
	coordinator: Coordinator,
	text: string,
	offset: number,
	limit: number,
	signal?: AbortSignal
): Promise<ConsolePage> {
	const sql = checked(text);
	return coordinator.readOnly(
		async (session) => {
			const version = coordinator.dataVersion; // no write runs during the session
			const columns = rowObjects<ResultColumn>(await session.query(columnsQuery(sql)));
			const total = Number(rowObjects<{ n: number }>(await session.query(countQuery(sql)))[0]?.n);
			const page = await session.query(pageQuery(sql, limit, offset));
			return { text: sql, columns, rows: cells(page), total, offset, version };
		},
		{ signal }
	);
}

/** The whole result as CSV text (formula cells neutralised), made in the engine. */
export async function consoleCsv(coordinator: Coordinator, page: ConsolePage): Promise<string> {
	const table = await coordinator.readOnly((s) => s.query(csvExportQuery(page.text, page.columns)));
	return String(table.getChildAt(0)?.get(0) ?? '');
}

/** The whole result as a Parquet file, its columns typed after DuckDB's types. */
export async function consoleParquet(
	coordinator: Coordinator,
	page: ConsolePage
): Promise<Uint8Array> {
	const table = await coordinator.readOnly((s) =>
		s.query(parquetExportQuery(page.text, page.columns))
	);
	// The writer is loaded on first use: most visits never export.
	const { parquetFile } = await import('./parquet-file');
	return parquetFile(
		table,
		page.columns.map((c) => parquetKind(c.type))
	);
}
