import { tableToIPC } from 'apache-arrow';
import type { SqlValue } from '../lib/engine/engine';
import { TooManyRowsError } from '../lib/engine/native-engine';
import { inReadOnlySession } from '../lib/engine/read-only-session';
import { engineDetail, refusal } from '../lib/research/console-errors';
import type { ConnectionPool } from './connection-pool';

export interface Limits {
	/** Rows a result may have. */
	maxRows: number;
	/** Bytes a result may take as Arrow IPC. */
	maxBytes: number;
	/** A statement running longer is interrupted. */
	timeoutMs: number;
}

/** What the endpoint answers: Arrow IPC stream bytes, or a failure as JSON. */
export type Answer =
	| { status: 200; arrow: Uint8Array }
	| { status: number; failure: { refused: boolean; message: string } };

/** A refusal: the message is a plain sentence for the user (`refused` tells the client so). */
const refused = (status: number, message: string): Answer => ({
	status,
	failure: { refused: true, message }
});

const isValue = (v: unknown): v is SqlValue =>
	v === null || ['string', 'number', 'boolean'].includes(typeof v);

function parse(body: string): { sql: string; params: SqlValue[] } | null {
	try {
		const json = JSON.parse(body) as { sql?: unknown; params?: unknown };
		const params = json.params ?? [];
		if (typeof json.sql !== 'string' || !Array.isArray(params) || !params.every(isValue)) {
			return null;
		}
		return { sql: json.sql, params };
	} catch {
		return null;
	}
}

/**
 * One query of the read-only interface: `{sql, params}` → an Arrow table. Only a single read
 * statement is run, behind the research console's walls (docs/research.md): its first word must
 * be a read's (the console's own check), it is prepared alone (a second statement is refused
 * before anything runs), inside a READ ONLY transaction that is rolled back, on a database
 * attached read only, with no file or address reachable and settings locked (server.ts). The
 * result is capped in rows and bytes, and the statement is interrupted after the time limit or
 * when the client goes away (`signal`).
 */
export async function answerQuery(
	pool: ConnectionPool,
	body: string,
	limits: Limits,
	signal: AbortSignal
): Promise<Answer> {
	const spec = parse(body);
	if (!spec) return refused(400, 'The request must be JSON: {"sql": "…", "params": [values]}.');
	const notRead = refusal(spec.sql);
	if (notRead) return refused(400, notRead.message);
	const timeout = AbortSignal.timeout(limits.timeoutMs);
	try {
		const table = await pool.use((connection) =>
			inReadOnlySession(connection, (s) => s.query(spec), AbortSignal.any([timeout, signal]))
		);
		const arrow = tableToIPC(table, 'stream');
		if (arrow.length > limits.maxBytes) {
			return refused(413, `The result is larger than ${megabytes(limits.maxBytes)}: ${NARROW}`);
		}
		return { status: 200, arrow };
	} catch (e) {
		if (e instanceof TooManyRowsError) {
			return refused(413, `The result has more than ${e.maxRows} rows: ${NARROW}`);
		}
		if (timeout.aborted) {
			return refused(
				504,
				`The query ran longer than ${limits.timeoutMs / 1000} s and was stopped.`
			);
		}
		const message = e instanceof Error ? e.message : String(e);
		return { status: 422, failure: { refused: false, message: engineDetail(message) } };
	}
}

const NARROW = 'the server does not send it. Narrow the query (filters, LIMIT, aggregates).';
const megabytes = (bytes: number) => `${Math.round(bytes / 1e5) / 10} MB`;
