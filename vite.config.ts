import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { sampleDataset } from './scripts/sample-dataset/vite-plugin.ts';

export default defineConfig({
	plugins: [sveltekit(), sampleDataset()],
	// duckdb-wasm ships its own worker and wasm files; pre-bundling them breaks their ?url imports.
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000
	}
});
