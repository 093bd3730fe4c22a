import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDatasetFile } from '../../src/lib/datasets/dataset-file';
import { SAMPLE_NAME } from '../../src/lib/datasets/sample';
import { restoreTables } from '../../src/lib/datasets/snapshot';
import { createNodeEngine } from '../../src/lib/engine/node-engine';
import { importFiles } from '../../src/lib/import/import-files';

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]
	);
}

const built = files('build');
const CDN =
	/(cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|esm\.sh|googleapis\.com|skypack\.dev)/;

describe('the built app', () => {
	it('ships DuckDB wasm and worker files itself', () => {
		expect(built.some((f) => /duckdb-(eh|mvp)\.[\w-]+\.wasm$/.test(f))).toBe(true);
		expect(built.some((f) => /duckdb-browser-(eh|mvp)\.worker\.[\w-]+\.js$/.test(f))).toBe(true);
	});

	it('names no CDN in any script, page or stylesheet', () => {
		const text = built.filter((f) => /\.(js|html|css|json)$/.test(f));
		expect(text.length).toBeGreaterThan(5);
		expect(text.filter((f) => CDN.test(readFileSync(f, 'utf8')))).toEqual([]);
	});

	it('sets a strict Content-Security-Policy', () => {
		const html = readFileSync('build/index.html', 'utf8');
		const csp = /http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
		expect(csp).toContain("default-src 'self'");
		expect(csp).toContain("connect-src 'self'");
		expect(csp).toContain("worker-src 'self'");
		expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
	});

	it('has its service worker cache the engine, the bundled sample and nothing off-origin', () => {
		const worker = readFileSync('build/service-worker.js', 'utf8');
		const served = (f: string) => f.slice('build'.length);
		const wanted = built.filter((f) => /duckdb-.*\.(wasm|js)$|\.dataset$|store-worker/.test(f));
		expect(wanted.length).toBe(6); // eh and mvp wasm and worker, the sample, the storage worker
		for (const file of wanted) expect(worker).toContain(served(file));
		expect(worker).not.toMatch(/https?:\/\//);
	});

	it('ships the sample as the dataset a fresh import of sample-data builds', async () => {
		const [path, ...more] = built.filter((f) => f.endsWith('.dataset'));
		expect(more).toEqual([]);
		const file = decodeDatasetFile(new Uint8Array(readFileSync(path!)));
		const db = await createNodeEngine();
		try {
			// Import again as of the day the build imported it (the file says which).
			await restoreTables(db, file.tables);
			const info = await db.query({ sql: 'SELECT imported_at::VARCHAR AS at FROM dataset_info' });
			const now = new Date(`${String(info.getChild('at')?.get(0))}Z`);
			const source = {
				name: 'sessions.csv',
				blob: new Blob([readFileSync('sample-data/sessions.csv')])
			};
			const fresh = await importFiles(db, [source], { name: SAMPLE_NAME, now });
			expect(file.report).toEqual(fresh.report);
			expect(file.mapping).toEqual(fresh.mapping);
		} finally {
			await db.close();
		}
	});
});
