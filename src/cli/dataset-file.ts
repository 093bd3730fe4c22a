import { rename, rm } from 'node:fs/promises';
import { createNativeEngine } from '../lib/engine/native-engine';
import type { LocalEngine } from '../lib/engine/engine';
import { installTQuantiles } from '../lib/stats/t-quantiles';

/**
 * Where `import --out` builds its DuckDB file: native DuckDB with the file attached as the
 * dataset's catalog, so the very import SQL the browser runs writes the same canonical and
 * analysis tables (with the statistics helpers every view's SQL needs) into it. The file is
 * built beside the target and renamed onto it only once complete (`commit`): a failed import
 * leaves an earlier dataset file as it was, and never half a new one.
 */
export async function datasetFileEngine(out: string) {
	const building = `${out}.building`;
	await discard(building);
	const engine = await createNativeEngine({ file: building });
	return {
		open: async (): Promise<LocalEngine> => {
			await installTQuantiles(engine);
			return engine;
		},
		/** Closes the engine (checkpointing the file) and puts the file in place. */
		commit: async () => {
			await engine.close();
			await rename(building, out);
		},
		discard: () => discard(building)
	};
}

const discard = (path: string) =>
	Promise.all([rm(path, { force: true }), rm(`${path}.wal`, { force: true })]);
