import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.wasm': 'application/wasm',
	'.csv': 'text/csv',
	'.json': 'application/json',
	'.svg': 'image/svg+xml'
};

/** A minimal static file server on loopback: URL prefix → folder. For test and bench pages. */
export async function serveStatic(
	mounts: Record<string, string>
): Promise<{ url: string; server: Server }> {
	const server = createServer((req, res) => {
		const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		const prefix = Object.keys(mounts)
			.sort((a, b) => b.length - a.length)
			.find((p) => path.startsWith(p));
		const root = prefix === undefined ? undefined : resolve(mounts[prefix]!);
		const file = root && normalize(join(root, path.slice(prefix!.length) || 'index.html'));
		const stat = file?.startsWith(root!) ? statSync(file, { throwIfNoEntry: false }) : undefined;
		if (!file || !stat?.isFile()) {
			res.writeHead(404).end();
			return;
		}
		const type = TYPES[extname(file)] ?? 'application/octet-stream';
		res.writeHead(200, { 'content-type': type, 'content-length': stat.size });
		createReadStream(file).pipe(res);
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}/`, server };
}
