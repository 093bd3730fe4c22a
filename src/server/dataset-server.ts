import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { basename, resolve } from 'node:path';
import { INFO_PATH, QUERY_PATH, type ServerInfo } from '../lib/engine/http-engine';
import { createNativeEngine, type NativeEngine } from '../lib/engine/native-engine';
import { DERIVED_VERSION, derivedVersionIn } from '../lib/model/derived-tables';
import { rowObjects } from '../lib/engine/rows';
import { acceptTokenInAddress, authorised } from './access-token';
import { ConnectionPool } from './connection-pool';
import { answerQuery, type Limits } from './query-endpoint';
import { resolveStatic, sendStatic } from './static-files';

export interface ServerOptions {
	/** The dataset: a DuckDB file written by `npm run cli -- import … --out`. */
	file: string;
	/** The built app (`npm run build`'s folder). */
	appDir: string;
	token: string;
	limits: Limits;
	/** Connections queries share (each runs on every core). */
	connections: number;
	/**
	 * The names it answers to in the Host header (port aside); null: any (--allow-remote). A page
	 * of another site whose name was re-pointed at 127.0.0.1 (DNS rebinding) sends its own name,
	 * and is refused before the token is even looked at.
	 */
	hosts: readonly string[] | null;
}

/**
 * A dataset file written by an earlier importer lacks what today's charts read, and the server
 * opens it read only, so it cannot derive it again: refused at start, saying how to rewrite it.
 */
async function refuseAnotherVersion(engine: NativeEngine, file: string) {
	const version = await derivedVersionIn(engine);
	if (version === DERIVED_VERSION) return;
	await engine.close();
	const written = version === null ? 'an earlier version' : `version ${version}`;
	throw new Error(
		`${basename(file)} holds analysis tables of ${written}; this app reads version ${DERIVED_VERSION}. ` +
			`Write it again from the export: npm run -s cli -- import <file...> --out ${basename(file)}`
	);
}

/** The loopback names, as a Host header writes them. */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

const MAX_REQUEST_BYTES = 1_000_000;

/**
 * The app and its read-only query endpoint from one origin, so the page's Content-Security-Policy
 * stays 'self'. The dataset is attached read only; once the connections are set up the database
 * is locked down (no file or address reachable from SQL, no setting changeable). Every request
 * needs this start's token (access-token.ts).
 */
export async function openDatasetServer(options: ServerOptions) {
	const engine = await createNativeEngine({
		file: options.file,
		readOnly: true,
		maxRows: options.limits.maxRows
	});
	await refuseAnotherVersion(engine, options.file);
	const pool = await ConnectionPool.open(engine, options.connections);
	await engine.lockDown();
	const [row] = rowObjects<{ v: string }>(await engine.query({ sql: 'SELECT version() AS v' }));
	const info: ServerInfo = { engine: `DuckDB ${row?.v} (server)`, dataset: basename(options.file) };
	const appDir = resolve(options.appDir);
	const server = createServer((request, response) => {
		handle(request, response).catch(() => {
			if (!response.headersSent) send(response, 500, 'text/plain', 'The server failed.');
			else response.destroy();
		});
	});

	async function handle(request: IncomingMessage, response: ServerResponse) {
		// Only the path and query are read; the base is a placeholder.
		const url = new URL(request.url ?? '/', 'http://localhost');
		if (!knownHost(request, options.hosts)) {
			return send(response, 421, 'text/plain', 'This server answers only at its own address.');
		}
		if (request.method === 'GET' && acceptTokenInAddress(request, response, url, options.token)) {
			return;
		}
		if (!authorised(request, options.token)) {
			return send(response, 401, 'text/plain', DENIED);
		}
		if (url.pathname === INFO_PATH && request.method === 'GET') {
			return send(response, 200, 'application/json', JSON.stringify(info));
		}
		if (url.pathname === QUERY_PATH && request.method === 'POST') {
			return query(request, response);
		}
		if (url.pathname.startsWith('/api/'))
			return send(response, 404, 'text/plain', 'No such endpoint.');
		if (request.method !== 'GET' && request.method !== 'HEAD') {
			return send(response, 405, 'text/plain', 'Only GET, and POST to /api/query.');
		}
		// The path as sent: URL parsing would quietly resolve a `..` that must be refused instead.
		const path = resolveStatic(appDir, (request.url ?? '/').split('?')[0]!);
		if (path === false) return send(response, 400, 'text/plain', 'Not a file of the app.');
		return sendStatic(appDir, path, response);
	}

	async function query(request: IncomingMessage, response: ServerResponse) {
		if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
			return send(response, 415, 'text/plain', 'Send the query as application/json.');
		}
		const body = await readBody(request);
		if (body === null) return send(response, 413, 'text/plain', 'The request is too large.');
		const gone = new AbortController();
		response.on('close', () => gone.abort());
		const answer = await answerQuery(pool, body, options.limits, gone.signal);
		if ('arrow' in answer) {
			return send(response, 200, 'application/vnd.apache.arrow.stream', answer.arrow);
		}
		return send(response, answer.status, 'application/json', JSON.stringify(answer.failure));
	}

	return {
		server,
		info,
		async close() {
			await new Promise<void>((r) => server.close(() => r()));
			await pool.close();
			await engine.close();
		}
	};
}

function knownHost(request: IncomingMessage, hosts: readonly string[] | null): boolean {
	if (hosts === null) return true;
	const name = (request.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
	return hosts.includes(name);
}

const DENIED = 'This server needs the token it printed at start: open the address it printed.';

function send(response: ServerResponse, status: number, type: string, body: string | Uint8Array) {
	response.writeHead(status, {
		'Content-Type': type,
		'Cache-Control': 'no-store',
		'X-Content-Type-Options': 'nosniff'
	});
	response.end(body);
}

/** The request's body as text, or null beyond MAX_REQUEST_BYTES. */
async function readBody(request: IncomingMessage): Promise<string | null> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request) {
		size += (chunk as Buffer).length;
		if (size > MAX_REQUEST_BYTES) return null;
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}
