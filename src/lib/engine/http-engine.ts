import { tableFromIPC } from 'apache-arrow';
import { PlainError } from '../errors/user-error';
import { abortError, type QueryEngine, type QueryOptions, type QuerySpec } from './engine';

/**
 * The DuckDB server (src/server/) as a QueryEngine: each query is `{sql, params}` posted to the
 * page's own origin, answered with Arrow IPC. The server holds the dataset read only, so this
 * engine only reads; the coordinator runs the app's reads and the research console through it
 * unchanged. The token travels as the cookie the server set (same origin: no script sees it).
 */
export const INFO_PATH = '/api/info';
export const QUERY_PATH = '/api/query';

/** What the server says about itself: which engine and dataset the app is on. */
export interface ServerInfo {
	engine: string;
	dataset: string;
}

/**
 * Set (readable, unlike the token's) by the server with its token cookie. Without it the app
 * asks nothing: under a static server no request goes to an endpoint that is not there (which
 * the browser would log as an error).
 */
export const SERVED_COOKIE = 'mo_served';

/** The server's info when the app was served by it; null under any static server. */
export async function serverInfo(): Promise<ServerInfo | null> {
	if (!document.cookie.split(/;\s*/).includes(`${SERVED_COOKIE}=1`)) return null;
	try {
		const response = await fetch(INFO_PATH, { headers: { Accept: 'application/json' } });
		if (!response.ok || !response.headers.get('content-type')?.includes('json')) return null;
		const info = (await response.json()) as Partial<ServerInfo>;
		if (typeof info.engine !== 'string' || typeof info.dataset !== 'string') return null;
		return { engine: info.engine, dataset: info.dataset };
	} catch {
		return null;
	}
}

const SIGNED_OUT = 'The server asks for its token again: open the address it printed at start.';

export function createHttpEngine(): QueryEngine {
	return {
		async query({ sql, params }: QuerySpec, options?: QueryOptions) {
			const signal = options?.signal;
			if (signal?.aborted) throw abortError(signal);
			let response: Response;
			try {
				// Aborting the request makes the server interrupt the statement.
				response = await fetch(QUERY_PATH, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ sql, params: params ?? [] }),
					signal
				});
			} catch (error) {
				throw signal?.aborted ? abortError(signal) : error;
			}
			if (response.status === 401) throw new PlainError(SIGNED_OUT);
			if (!response.ok) {
				const failure = (await response.json()) as { refused: boolean; message: string };
				// A refusal is written for the user; an engine error goes through the usual wording.
				throw failure.refused ? new PlainError(failure.message) : new Error(failure.message);
			}
			return tableFromIPC(new Uint8Array(await response.arrayBuffer()));
		},
		async close() {}
	};
}
