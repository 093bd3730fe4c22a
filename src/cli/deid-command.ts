import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { deidentify } from '../lib/deid/deidentify';
import type { DeidFormat } from '../lib/deid/files';
import { checkedOptions, DeidOptionsError, type DeidOptions } from '../lib/deid/options';
import { DEFAULT_QUASI, isQuasiField, QUASI_FIELDS } from '../lib/deid/quasi-identifiers';
import { reportText } from '../lib/deid/report';
import { sourceColumnsOf } from '../lib/deid/source-columns';
import { installTQuantiles } from '../lib/stats/t-quantiles';
import { importDataset, type DatasetArgs } from './import-dataset';
import { UsageError } from './usage-error';

export interface DeidArgs extends DatasetArgs {
	out?: string;
	k?: string;
	quasi?: string;
	maxSuppressed?: string;
	aggregate: boolean;
	includeNotes: boolean;
	json: boolean;
}

function format(out: string | undefined): DeidFormat {
	const ext = out ? extname(out).toLowerCase() : '';
	if (ext === '.csv' || ext === '.parquet') return ext.slice(1) as DeidFormat;
	throw new UsageError('Say where to write the extract: --out <path.csv|path.parquet>.');
}

function quasiFields(text: string | undefined) {
	if (text === undefined) return DEFAULT_QUASI;
	const fields = text
		.split(',')
		.map((f) => f.trim())
		.filter(Boolean);
	const unknown = fields.filter((f) => !isQuasiField(f));
	if (unknown.length) {
		throw new UsageError(`--quasi takes ${QUASI_FIELDS.join(', ')}; not ${unknown.join(', ')}.`);
	}
	return fields.filter(isQuasiField);
}

function number(flag: string, text: string | undefined): number | undefined {
	if (text === undefined) return undefined;
	const value = Number(text.trim());
	if (!text.trim() || !Number.isFinite(value))
		throw new UsageError(`${flag} ${text} is not a number.`);
	return value;
}

/**
 * Imports the files as `import` does, then writes the de-identified extract to --out (CSV or
 * Parquet by its extension) with its dictionary, report and, with --aggregate, the aggregate
 * table beside it (<out>.dictionary.csv, .report.json, .aggregate.csv|parquet); returns the
 * report, in words or (--json) as one JSON object naming the files written.
 */
export async function runDeid(args: DeidArgs): Promise<string> {
	const fmt = format(args.out);
	const quasi = quasiFields(args.quasi);
	const k = number('--k', args.k);
	const maxSuppressedShare = number('--max-suppressed', args.maxSuppressed);
	const options: Partial<DeidOptions> = {
		quasi,
		format: fmt,
		aggregate: args.aggregate,
		includeNotes: args.includeNotes,
		...(k === undefined ? {} : { k }),
		...(maxSuppressedShare === undefined ? {} : { maxSuppressedShare })
	};
	// Checked before the import, which takes a while: a wrong option fails at once.
	try {
		checkedOptions(options);
	} catch (e) {
		throw e instanceof DeidOptionsError ? new UsageError(e.message) : e;
	}
	const { db, outcome } = await importDataset(args, installTQuantiles);
	try {
		const sourceColumns = sourceColumnsOf(outcome.staged, outcome.mapping);
		const result = await deidentify(db, { ...options, sourceColumns });
		const stem = args.out!.slice(0, -extname(args.out!).length);
		const paths: Record<string, string> = {
			[`deid-extract.${fmt}`]: args.out!,
			[`deid-aggregate.${fmt}`]: `${stem}.aggregate.${fmt}`,
			'deid-dictionary.csv': `${stem}.dictionary.csv`,
			'deid-report.json': `${stem}.report.json`
		};
		const written: Record<string, string> = {};
		for (const file of result.files) {
			const path = paths[file.name];
			if (!path) continue;
			await writeFile(path, file.bytes);
			written[file.name.replace(/^deid-|\.\w+$/g, '')] = path;
		}
		if (!args.json) {
			const files = Object.values(written).map((p) => `  ${p}`);
			return `${reportText(result.report)}\nWritten:\n${files.join('\n')}`;
		}
		return JSON.stringify({ ...result.report, files: written });
	} finally {
		await db.close();
	}
}
