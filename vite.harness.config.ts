import { defineConfig } from 'vite';

/**
 * A bare page that loads the app's engine modules without the UI, for the SQL parity test and the
 * browser benchmark (tests/harness/). Built to build-harness/, served on loopback.
 */
export default defineConfig({
	root: 'tests/harness',
	base: './',
	build: { outDir: '../../build-harness', emptyOutDir: true, target: 'es2022' },
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
	logLevel: 'warn'
});
