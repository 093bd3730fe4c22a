import { getPlatformFeatures, selectBundle } from '@duckdb/duckdb-wasm';
import { describe, expect, it } from 'vitest';
import { engineBuild, unusedEngineFiles } from './engine-files';

// Names as the build emits them (build/_app/immutable/assets/).
const BUILT = [
	'/_app/immutable/assets/duckdb-eh.9ubY-jlA.wasm',
	'/_app/immutable/assets/duckdb-mvp.BP0pRkMH.wasm',
	'/_app/immutable/assets/duckdb-browser-eh.worker.hQa-dcAV.js',
	'/_app/immutable/assets/duckdb-browser-mvp.worker.C9hF7LGh.js',
	'/_app/immutable/workers/store-worker-CJGrPWo3.js',
	'/_app/immutable/assets/sample-25a42c5a17172013.CAIF_4D_.dataset',
	'/_app/immutable/chunks/duckdb-ehx.js'
];

describe('the engine files a browser runs', () => {
	it('are the build duckdb-wasm itself selects here', async () => {
		const chosen = await selectBundle({
			mvp: { mainModule: 'mvp', mainWorker: 'mvp' },
			eh: { mainModule: 'eh', mainWorker: 'eh' }
		});
		expect(engineBuild()).toBe(chosen.mainModule);
		expect(engineBuild() === 'eh').toBe((await getPlatformFeatures()).wasmExceptions);
	});

	it('leave out only the other build’s wasm and worker', () => {
		expect([...unusedEngineFiles(BUILT, 'eh')]).toEqual([BUILT[1], BUILT[3]]);
		expect([...unusedEngineFiles(BUILT, 'mvp')]).toEqual([BUILT[0], BUILT[2]]);
	});
});
