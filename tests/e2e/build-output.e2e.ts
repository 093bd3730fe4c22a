import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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
		expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
	});
});
