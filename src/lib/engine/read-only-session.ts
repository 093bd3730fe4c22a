import type { Table } from 'apache-arrow';
import type { LocalEngine, QuerySpec } from './engine';

/** What a read-only task may do: run one statement at a time, which can change nothing. */
export interface ReadOnlySession {
	query(spec: QuerySpec): Promise<Table>;
}

/**
 * Runs `task` on `connection` (a connection of its own, which the caller closes afterwards)
 * inside a READ ONLY transaction that is always rolled back. For SQL the app did not write (the
 * research console), three walls stand between it and the stored tables:
 * - each statement is prepared alone (queryStatement): text holding a second statement after a
 *   `;` is refused before anything runs, so no trick can smuggle a DROP behind a SELECT;
 * - the transaction is read-only: DuckDB refuses any write to the database ("transaction is
 *   launched in read-only mode"), whatever the statement is;
 * - the rollback undoes whatever DuckDB still allows in such a transaction (TEMP tables live in
 *   the connection's own catalog), and closing the connection drops the rest.
 * Reaching outside is stopped apart: extensions never install or load (SESSION_SETUP_SQL), and
 * the page's Content-Security-Policy allows no other origin.
 */
export async function inReadOnlySession<T>(
	connection: LocalEngine,
	task: (session: ReadOnlySession) => Promise<T>,
	signal?: AbortSignal
): Promise<T> {
	await connection.query({ sql: 'BEGIN TRANSACTION READ ONLY' });
	try {
		// The signal stops a long statement in the engine (queryStatement), not only its answer.
		return await task({ query: (spec) => connection.queryStatement(spec, { signal }) });
	} finally {
		// After a failed statement DuckDB has aborted the transaction; ROLLBACK ends it either way.
		await connection.query({ sql: 'ROLLBACK' });
	}
}
