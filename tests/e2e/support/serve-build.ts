import { existsSync } from 'node:fs';
import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
	}
}

let server: PreviewServer | undefined;

/** Serves the built static app on loopback, exactly as a clinic's web server would. */
export async function setup(project: TestProject) {
	if (!existsSync('build/index.html')) {
		throw new Error('No build/ found: run `npm run build` first (npm run test:e2e does).');
	}
	server = await preview({
		preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false }
	});
	const url = server.resolvedUrls?.local[0];
	if (!url) throw new Error('The preview server did not report its address');
	project.provide('baseUrl', url);
}

export async function teardown() {
	await server?.close();
}
