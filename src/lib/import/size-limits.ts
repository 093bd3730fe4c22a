import { PlainError } from '../errors/user-error';
import type { Format } from './readers/types';

/** A file as the check sees it: what is known before its data is read. */
export interface SizedFile {
	name: string;
	format: Format;
	bytes: number;
	/** Parquet: the row count its footer states (undefined when the footer cannot be read). */
	rows?: number;
}

interface TabLimit {
	/** What the limit is about, in the message: "CSV or text files", "Excel workbooks"… */
	files: string;
	/** The same, after "of" when files are summed: "of CSV". */
	of: string;
	/** Bytes, except for Parquet, whose footer states its rows (its bytes say little: see below). */
	unit: 'bytes' | 'rows';
	max: number;
	/** Bytes per session row of the generator's export in this format, to say how many rows fit. */
	bytesPerRow?: number;
}

const MB = 1_000_000;

/**
 * What one browser tab imports, per format family. Figures measured on the generator's export
 * (scripts/generate-sample-data.ts, 14 columns):
 * - CSV: 102 bytes a row. 10M rows (1022 MB) imports in Chromium (`npm run bench -- --only
 *   tab-import`: 207 s, saved, tab peak 3.9 GiB, then 42 s to open in a new tab; 5M: 115 s and
 *   31 s, measured before the restore changes of 2026-12-04), since a large import takes its
 *   rows a million at a time (import/pipeline.ts), where 3M was the most before. 1030 MB keeps
 *   the 10M file in and nothing much beyond it. (The storage refusing 4M and 5M was the
 *   benchmark's private window, whose quota is far smaller than a profile's.)
 * - JSON/NDJSON: 273 bytes a row. The reader holds the whole text (two bytes a character once
 *   one is not Latin-1) and every record as a JS object: 3.6 bytes of JS heap per file byte
 *   (Node's peak RSS reading 100k rows), plus the staged Arrow copy. 200 MB stays inside ~1 GB
 *   of JS heap.
 * - Parquet: 5–7 bytes a row (zstd/snappy), so a byte limit would refuse real files of a few
 *   hundred thousand rows or let tens of millions through; its footer states the rows, and the
 *   reader's cost is the rows it stages, as for CSV: the same 3M.
 * - Excel: beyond 7 MB a workbook is read row by row from its XML (readers/excel-stream.ts), the
 *   rows held in JS as Arrow until staged, as JSON's are. 200k rows (9.9 MB): Node 7.2 s and a
 *   peak RSS of 679 MB, against 18.5 s and 1819 MB loaded whole; Chromium staged it in 20 s
 *   (~10 000 rows a second, three passes through the zip). 50 MB is about a million rows of the
 *   generator's workbook (3.45 bytes a cell), under two minutes here.
 */
const TEXT: TabLimit = {
	files: 'CSV or text files',
	of: 'CSV',
	unit: 'bytes',
	max: 1030 * MB,
	bytesPerRow: 102
};
const JSON_LIMIT: TabLimit = {
	files: 'JSON files',
	of: 'JSON',
	unit: 'bytes',
	max: 200 * MB,
	bytesPerRow: 273
};
const PARQUET: TabLimit = { files: 'Parquet files', of: 'Parquet', unit: 'rows', max: 3_000_000 };
const EXCEL: TabLimit = {
	files: 'Excel workbooks',
	of: 'Excel',
	unit: 'bytes',
	max: 50 * MB,
	bytesPerRow: 14 * 3.45
};

export const TAB_LIMITS: Record<Format, TabLimit> = {
	csv: TEXT,
	json: JSON_LIMIT,
	ndjson: JSON_LIMIT,
	parquet: PARQUET,
	xlsx: EXCEL
};

// Read as plain text, never as Markdown: the commands are set off by quotation marks.
const SERVER =
	'For larger datasets, import on the command line and open the dataset on the DuckDB server: ' +
	'“npm run -s cli -- import <file> --out dataset.duckdb”, then “npm run serve -- dataset.duckdb” ' +
	'(see the README, Server mode).';
const WHY_EXCEL =
	'An Excel workbook is parsed in JavaScript, about a minute for every 500 000 rows, so save ' +
	`the sheet as CSV (CSV UTF-8) to import up to about ${amount(TEXT.max, 'bytes')} here.`;

/**
 * Why these files are too large for this browser tab, or null when they fit. Each file uses a
 * share of the tab (its bytes or rows over its format's limit); together they may use it all.
 */
export function sizeRefusal(files: readonly SizedFile[]): string | null {
	const share = (f: SizedFile) => measure(f) / TAB_LIMITS[f.format].max;
	const over = files.find((f) => share(f) > 1);
	const total = files.reduce((sum, f) => sum + share(f), 0);
	if (!over && total <= 1) return null;
	const limits = [...new Set(files.map((f) => TAB_LIMITS[f.format]))];
	const why = (over ? [over] : files).some((f) => f.format === 'xlsx') ? ` ${WHY_EXCEL}` : '';
	return `${over ? single(over) : several(files, limits)}${why} ${SERVER}`;
}

/** Refuses, before a byte of data is read, files this tab cannot import (a PlainError). */
export function refuseTooLarge(files: readonly SizedFile[]): void {
	const refusal = sizeRefusal(files);
	if (refusal) throw new PlainError(refusal);
}

function single(file: SizedFile): string {
	const limit = TAB_LIMITS[file.format];
	const is = limit.unit === 'rows' ? 'holds' : 'is';
	return `${file.name} ${is} ${amount(measure(file), limit.unit)}; this browser tab can import ${limit.files} up to about ${capacity(limit)}.`;
}

function several(files: readonly SizedFile[], limits: readonly TabLimit[]): string {
	const names = listed(files.map((f) => f.name));
	if (limits.length > 1) {
		const each = listed(
			limits.map((l) => `${amount(l.max, l.unit)} of ${l.of}`),
			'or'
		);
		return `Together, ${names} are more than this browser tab can import at once (about ${each}).`;
	}
	const [limit] = limits as [TabLimit];
	const sum = files.reduce((s, f) => s + measure(f), 0);
	const are = limit.unit === 'rows' ? 'hold' : 'are';
	return `Together, ${names} ${are} ${amount(sum, limit.unit)}; this browser tab can import about ${capacity(limit, ` of ${limit.of} at once`)}.`;
}

const measure = (f: SizedFile) => (TAB_LIMITS[f.format].unit === 'rows' ? (f.rows ?? 0) : f.bytes);

/** "1 GB[ of CSV at once] (about 10 million sessions)", or "3 million rows[…]". */
function capacity(limit: TabLimit, of = ''): string {
	const size = amount(limit.max, limit.unit) + of;
	if (!limit.bytesPerRow) return size;
	return `${size} (about ${count(limit.max / limit.bytesPerRow)} sessions)`;
}

function amount(n: number, unit: 'bytes' | 'rows'): string {
	if (unit === 'rows') return `${count(n)} rows`;
	const [size, name] = n >= 1e9 ? [n / 1e9, 'GB'] : n >= MB ? [n / MB, 'MB'] : [n / 1e3, 'kB'];
	return `${Number(size.toPrecision(size >= 100 ? 3 : 2))} ${name}`;
}

/** Two significant digits, in words for millions: "2.1 million", "140 000". */
function count(n: number): string {
	const rounded = Number(n.toPrecision(2));
	if (rounded >= 1e6) return `${rounded / 1e6} million`;
	return rounded.toLocaleString('en-GB').replace(/,/g, ' ');
}

function listed(items: readonly string[], and = 'and'): string {
	return items.length < 3
		? items.join(` ${and} `)
		: `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}
