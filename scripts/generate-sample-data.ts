// Writes the sample export (default) or a large benchmark file:
//   tsx scripts/generate-sample-data.ts [--rows N] [--patients P] [--seed S] [--out PATH]
// Streams with backpressure, so memory stays flat however many rows are asked for.
// `writeSample` is exported for the benchmark (scripts/bench/), which makes its own files.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HEADER, csvLine, patients } from './sample-data/generate';

export const DEFAULT_SEED = 20261125;
const DEFAULT_PATIENTS = 600;
const CHUNK_CHARS = 1 << 16; // batch lines: one write() per line is several times slower

export interface SampleOptions {
	out: string;
	/** Stop after this many data rows (default: no limit). */
	rows?: number;
	/** Stop after this many patients (default: no limit). */
	patients?: number;
	seed?: number;
}

export interface SampleWritten {
	rows: number;
	patients: number;
	seed: number;
	bytes: number;
}

export async function writeSample(options: SampleOptions): Promise<SampleWritten> {
	const { out, rows: maxRows = Infinity, patients: maxPatients = Infinity } = options;
	const seed = options.seed ?? DEFAULT_SEED;
	await mkdir(dirname(out), { recursive: true });
	const stream = createWriteStream(out, { encoding: 'utf8' });
	const failed = once(stream, 'error').then(([err]) => Promise.reject(err));
	failed.catch(() => {}); // surfaced by the race below
	const write = async (text: string) => {
		if (!stream.write(text)) await Promise.race([once(stream, 'drain'), failed]);
	};

	let chunk = HEADER + '\n';
	let rows = 0;
	let patientCount = 0;
	outer: for (const patient of patients(seed, maxPatients)) {
		patientCount++;
		for (const session of patient.sessions) {
			if (rows >= maxRows) break outer;
			chunk += csvLine(session) + '\n';
			rows++;
			if (chunk.length >= CHUNK_CHARS) {
				await write(chunk);
				chunk = '';
			}
		}
		if (rows >= maxRows) break;
	}
	await write(chunk);
	stream.end();
	await Promise.race([once(stream, 'finish'), failed]);
	return { rows, patients: patientCount, seed, bytes: stream.bytesWritten };
}

function count(name: string, value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0)
		throw new Error(`--${name} must be a non-negative integer, got ${value}`);
	return n;
}

async function main() {
	const { values } = parseArgs({
		options: {
			rows: { type: 'string' },
			patients: { type: 'string' },
			seed: { type: 'string' },
			out: { type: 'string', default: 'sample-data/sessions.csv' }
		}
	});
	const rows = count('rows', values.rows);
	// With --rows alone, patients keep coming until the row target is met.
	const maxPatients =
		count('patients', values.patients) ?? (values.rows ? undefined : DEFAULT_PATIENTS);
	const seed = count('seed', values.seed);
	const out = values.out;
	const done = await writeSample({ out, rows, patients: maxPatients, seed });
	console.error(
		`${done.rows} rows, ${done.patients} patients, seed ${done.seed} → ${out} (${done.bytes} bytes)`
	);
}

// Run as a command only, not when imported by the benchmark.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main().catch((err) => {
		console.error(err instanceof Error ? err.message : err);
		process.exit(1);
	});
}
