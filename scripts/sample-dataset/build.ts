// tsx scripts/sample-dataset/build.ts <out>: imports sample-data/sessions.csv with the app's own
// import code (DuckDB in Node) and writes it as a ready dataset file (src/lib/datasets/sample.ts).
// Run by the Vite plugin beside it, on every build whose inputs changed.
import { openAsBlob, writeFileSync } from 'node:fs';
import { createNodeEngine } from '../../src/lib/engine/node-engine';
import { SAMPLE_IMPORTED_AT, sampleDatasetFile } from '../../src/lib/datasets/sample';

const out = process.argv[2];
if (!out) throw new Error('usage: tsx scripts/sample-dataset/build.ts <out>');
const db = await createNodeEngine();
try {
	const source = { name: 'sessions.csv', blob: await openAsBlob('sample-data/sessions.csv') };
	// Imported as of a fixed day, not the build's: the same inputs always make the same file.
	writeFileSync(out, await sampleDatasetFile(db, source, SAMPLE_IMPORTED_AT));
} finally {
	await db.close();
}
