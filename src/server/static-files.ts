import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.wasm': 'application/wasm',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.txt': 'text/plain; charset=utf-8',
	'.webmanifest': 'application/manifest+json',
	'.arrow': 'application/vnd.apache.arrow.file'
};

/**
 * The path in the built app a URL path names (a file, a folder or nothing yet). A path
 * that is not plain — `..` segments (also percent-encoded), backslashes, NUL — is refused
 * outright (false), never resolved: nothing outside the build folder can be named.
 */
export function resolveStatic(root: string, pathname: string): string | false {
	let decoded: string;
	try {
		decoded = decodeURIComponent(pathname);
	} catch {
		return false;
	}
	if (/\\|\0/.test(decoded) || decoded.split('/').includes('..')) return false;
	const path = normalize(join(root, decoded));
	if (path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep)) return false;
	return path;
}

/**
 * Sends the built app's file, or its fallback page (a client-side route such as /director):
 * adapter-static's `index.html`, which the app's router then reads the address from.
 */
export async function sendStatic(root: string, path: string, response: ServerResponse) {
	const file = (await isFile(path))
		? path
		: (await isFile(join(path, 'index.html')))
			? join(path, 'index.html')
			: join(root, 'index.html');
	response.writeHead(200, {
		'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'no-referrer'
	});
	createReadStream(file).pipe(response);
}

const isFile = (path: string) =>
	stat(path).then(
		(s) => s.isFile(),
		() => false
	);
