import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SERVED_COOKIE } from '../lib/engine/http-engine';

/**
 * The server's one secret: a random token made at every start and printed once, in the address
 * to open. Every request must carry it. A browser brings it once, in that address
 * (`/?token=…`): the server answers by setting it as a cookie (HttpOnly, so no script on the page
 * can read it; SameSite=Strict, so no other site's page can send it) and redirecting to the same
 * address without it, so the token stays out of the history, bookmarks and Referer headers.
 * Scripts (the load test, curl) send `Authorization: Bearer <token>` instead.
 */
export const COOKIE = 'mo_token';

export const newToken = () => randomBytes(24).toString('base64url');

const same = (given: string | undefined, token: string) =>
	given !== undefined &&
	given.length === token.length &&
	timingSafeEqual(Buffer.from(given), Buffer.from(token));

function cookie(request: IncomingMessage, name: string): string | undefined {
	for (const part of (request.headers.cookie ?? '').split(';')) {
		const [key, ...value] = part.trim().split('=');
		if (key === name) return value.join('=');
	}
	return undefined;
}

/** True when the request carries the token, by cookie or bearer header. */
export function authorised(request: IncomingMessage, token: string): boolean {
	const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
	return same(bearer, token) || same(cookie(request, COOKIE), token);
}

/**
 * For an address carrying `?token=`: when it is the right one, sets the cookie and redirects to
 * the address without it (true: answered). A wrong one is left for the caller to refuse.
 */
export function acceptTokenInAddress(
	request: IncomingMessage,
	response: ServerResponse,
	url: URL,
	token: string
): boolean {
	if (!same(url.searchParams.get('token') ?? undefined, token)) return false;
	url.searchParams.delete('token');
	response.writeHead(303, {
		'Set-Cookie': [
			`${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
			// Readable by the page: tells the app to ask the server for its info (http-engine.ts).
			`${SERVED_COOKIE}=1; SameSite=Strict; Path=/`
		],
		Location: `${url.pathname}${url.search}`,
		'Cache-Control': 'no-store'
	});
	response.end();
	return true;
}
