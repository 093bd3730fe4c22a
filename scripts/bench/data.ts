// Benchmark inputs: seeded CSV files in bench-data/, made once and reused while they still match.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { DEFAULT_SEED, writeSample } from '../generate-sample-data';

export const BENCH_DIR = 'bench-data';

export interface BenchFile {
	rows: number;
	/** File name inside bench-data/ (also its URL path under /bench-data/). */
	name: string;
	path: string;
	bytes: number;
}

/**
 * A sidecar JSON records rows, seed and size: the file is reused only if all three still match,
 * so a partial write (interrupted run) or a changed request regenerates it.
 */
export async function benchFile(rows: number, seed = DEFAULT_SEED): Promise<BenchFile> {
	const name = `sessions-${rows}.csv`;
	const path = `${BENCH_DIR}/${name}`;
	const sidecar = `${path}.json`;
	if (existsSync(path) && existsSync(sidecar)) {
		const meta = JSON.parse(readFileSync(sidecar, 'utf8')) as Partial<BenchFile & { seed: number }>;
		const bytes = statSync(path).size;
		if (meta.rows === rows && meta.seed === seed && meta.bytes === bytes) {
			console.error(`reusing ${path} (${rows} rows, ${mb(bytes)})`);
			return { rows, name, path, bytes };
		}
	}
	console.error(`generating ${path} (${rows} rows, seed ${seed})…`);
	const written = await writeSample({ out: path, rows, seed });
	if (written.rows !== rows) throw new Error(`generator stopped at ${written.rows} rows`);
	writeFileSync(sidecar, JSON.stringify({ rows, seed, bytes: written.bytes }) + '\n');
	return { rows, name, path, bytes: written.bytes };
}

export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
