import type { LocalEngine } from '../engine/engine';
import { importFiles } from '../import/import-files';
import { DATASET_TABLES } from '../import/pipeline';
import type { SourceFile } from '../import/readers/types';
import { encodeDatasetFile } from './dataset-file';
import { snapshotTables } from './snapshot';

export const SAMPLE_NAME = 'Sample clinics (bundled)';

/**
 * The day the bundled sample counts as imported: the day it was generated (its seed,
 * scripts/generate-sample-data.ts). Fixed, so that every build makes the same file whatever its
 * clock, and the app shows the same import date on every machine.
 */
export const SAMPLE_IMPORTED_AT = new Date('2026-11-25T00:00:00Z');

/**
 * The bundled sample as a ready dataset file: imported with the mapping the import screen
 * suggests, then snapshotted as a save to IndexedDB does. Run at build time (in Node, by
 * scripts/sample-dataset.ts) on the very import code the browser runs.
 */
export async function sampleDatasetFile(
	db: LocalEngine,
	source: SourceFile,
	now: Date
): Promise<Uint8Array> {
	const { report, mapping } = await importFiles(db, [source], { name: SAMPLE_NAME, now });
	const tables = await snapshotTables(db, DATASET_TABLES);
	return new Uint8Array(await encodeDatasetFile({ report, mapping, tables }).arrayBuffer());
}
