// The bundled sample as a ready dataset file, made at build time from sample-data/ by the app's
// own import code (build.ts), so it cannot go stale: the app imports `virtual:sample-dataset`,
// the URL of that file, which Vite then emits as a hashed asset like any other.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Plugin } from 'vite';

const ID = 'virtual:sample-dataset';
const CACHE = 'node_modules/.cache/massage-outcomes';
/** Everything the file is made from: the sample, the app's code, the DuckDB version. */
const INPUTS = [
	'sample-data/sessions.csv',
	'src/lib',
	'scripts/sample-dataset',
	'package-lock.json'
];

/** A file, or every file under a folder but tests. */
const files = (path: string): string[] =>
	statSync(path).isDirectory()
		? readdirSync(path, { withFileTypes: true, recursive: true })
				.filter((e) => e.isFile() && !e.name.endsWith('.test.ts'))
				.map((e) => join(e.parentPath, e.name))
		: [path];

function inputsHash(): string {
	const hash = createHash('sha256');
	const paths = INPUTS.flatMap(files).sort();
	for (const path of paths) hash.update(path).update('\0').update(readFileSync(path)).update('\0');
	return hash.digest('hex').slice(0, 16);
}

/**
 * The dataset file for the current inputs, made if there is none yet. Keyed by the inputs' hash:
 * SvelteKit's two builds (and a rebuild with nothing changed) reuse it; any change remakes it.
 */
async function sampleDatasetPath(): Promise<string> {
	const name = `sample-${inputsHash()}.dataset`;
	const path = join(process.cwd(), CACHE, name);
	mkdirSync(CACHE, { recursive: true });
	if (readdirSync(CACHE).includes(name)) return path;
	const partial = `${path}.${process.pid}.partial`;
	await promisify(execFile)(process.execPath, [
		'--import',
		'tsx',
		'scripts/sample-dataset/build.ts',
		partial
	]);
	for (const old of readdirSync(CACHE).filter((f) => f.endsWith('.dataset')))
		rmSync(join(CACHE, old));
	renameSync(partial, path);
	return path;
}

export function sampleDataset(): Plugin {
	return {
		name: 'massage-outcomes:sample-dataset',
		resolveId: (source) => (source === ID ? `\0${ID}` : undefined),
		async load(id) {
			if (id !== `\0${ID}`) return;
			return `export { default } from ${JSON.stringify(`${await sampleDatasetPath()}?url`)};`;
		}
	};
}
