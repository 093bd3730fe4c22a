import { defineConfig } from 'vitest/config';

// End-to-end flows: the built app (npm run build) served on loopback, driven in Debian's Chromium.
export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.e2e.ts'],
		globalSetup: ['tests/e2e/support/serve-build.ts'],
		testTimeout: 120_000,
		hookTimeout: 120_000,
		// expect.poll waits for the page to answer (a query on 2 busy cores can take seconds); the
		// tests assert what it shows, never how fast.
		expect: { poll: { timeout: 30_000 } },
		// One browser at a time: CI has 2 cores and each page runs DuckDB in a worker.
		fileParallelism: false
	}
});
