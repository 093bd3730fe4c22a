/** duckdb-wasm's files among the app's (its wasm and its worker, per build), by name. */
const ENGINE_FILE = /\/duckdb-(?:browser-)?(eh|mvp)\.[^/]*$/;

/**
 * A module using WebAssembly exception handling: duckdb-wasm's own probe (wasm-feature-detect's
 * `exceptions`). duckdb-wasm itself cannot be loaded in a service worker (its module needs
 * `Worker`, which service workers lack), so the probe is repeated here; engine-files.test.ts
 * checks it agrees with duckdb-wasm's `selectBundle`.
 */
const EXCEPTIONS = new Uint8Array([
	0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11
]);

/**
 * The duckdb-wasm build this browser runs, as `selectBundle` (wasm-engine.ts) decides among the
 * two the app ships: eh where WebAssembly has exception handling, else mvp.
 */
export const engineBuild = (): 'eh' | 'mvp' => (WebAssembly.validate(EXCEPTIONS) ? 'eh' : 'mvp');

/**
 * The paths of the duckdb-wasm build this browser never runs, out of `paths`: caching it
 * (~40 MB) would only waste storage.
 */
export function unusedEngineFiles(paths: readonly string[], build = engineBuild()): Set<string> {
	return new Set(
		paths.filter((p) => {
			const of = ENGINE_FILE.exec(p)?.[1];
			return of !== undefined && of !== build;
		})
	);
}
