import {
	parquetMetadataAsync,
	parquetRead,
	parquetSchema,
	type AsyncBuffer,
	type ColumnChunk,
	type Compressors,
	type FileMetaData,
	type ParquetParsers,
	type SchemaElement
} from 'hyparquet';
import type { LocalEngine } from '../../engine/engine';
import { stagingColumnNames } from './columns';
import { cellText, isoDateTime, type Cell } from './cell-text';
import { progressReporter, StagingRows, stageRows } from './records';
import type { ReadOptions, SourceFile, StagedFile } from './types';

/** Dates and times straight to ISO text, exact to the file's own unit (no detour via Date). */
const PARSERS: Partial<ParquetParsers> = {
	dateFromDays: (days: number) => isoDateTime(days * 86_400_000),
	timestampFromMilliseconds: (v: bigint) => timestampText(v, 1_000n),
	timestampFromMicroseconds: (v: bigint) => timestampText(v, 1_000_000n),
	timestampFromNanoseconds: (v: bigint) => timestampText(v, 1_000_000_000n)
};
/** Codecs hyparquet reads itself; any other loads hyparquet-compressors (zstd, gzip, brotli, lz4). */
const BUILT_IN_CODECS = new Set(['UNCOMPRESSED', 'SNAPPY']);

/**
 * Stages a Parquet file, one row group at a time, reading only the byte ranges it needs from the
 * Blob (a browser File or Node's openAsBlob), so the file itself is never held whole in memory.
 */
export async function readParquet(
	db: LocalEngine,
	source: SourceFile,
	table: string,
	options: ReadOptions = {}
): Promise<StagedFile> {
	const file = byteRanges(source.blob);
	const metadata = await parquetMetadataAsync(file, { parsers: PARSERS }).catch((e: unknown) => {
		throw new Error(`${source.name} is not a Parquet file, or it is damaged (${message(e)}).`, {
			cause: e
		});
	});
	const fields = parquetSchema(metadata).children.map((child) => child.element);
	const columns = fields.map((field) => field.name);
	const texts = fields.map(textFor);
	const compressors = await compressorsFor(metadata);

	// Progress in bytes: where the last row group read ends in the file (the footer comes last).
	let position = 0;
	const rows = new StagingRows(stagingColumnNames(columns), {
		onChunk: progressReporter(source, options.onProgress, () => position)
	});
	let rowStart = 0;
	for (const group of metadata.row_groups) {
		const rowEnd = rowStart + Number(group.num_rows);
		let values: unknown[][] = [];
		await parquetRead({
			file,
			metadata,
			columns,
			rowStart,
			rowEnd,
			compressors,
			parsers: PARSERS,
			onComplete: (data) => (values = data)
		}).catch((e: unknown) => {
			throw new Error(
				`${source.name}: rows ${rowStart + 1}–${rowEnd} could not be read (${message(e)}).`,
				{ cause: e }
			);
		});
		for (const row of values) rows.add(row.map((value, c) => texts[c]!(value)));
		rowStart = rowEnd;
		position = Math.max(position, ...group.columns.map(chunkEnd));
	}
	position = source.blob.size;
	return stageRows(db, source, table, 'parquet', rows);
}

/**
 * The rows a Parquet file's footer states, read from its last bytes alone (the size check runs
 * before any data is read); undefined when there is no footer to read, which the reader reports.
 */
export async function parquetRows(blob: Blob): Promise<number | undefined> {
	try {
		return Number((await parquetMetadataAsync(byteRanges(blob))).num_rows);
	} catch {
		return undefined;
	}
}

/** The Blob as hyparquet reads it: byte ranges on demand, never the whole file. */
function byteRanges(blob: Blob): AsyncBuffer {
	return { byteLength: blob.size, slice: (start, end) => blob.slice(start, end).arrayBuffer() };
}

/** The file offset just past a column chunk's pages. */
function chunkEnd({ meta_data: meta }: ColumnChunk): number {
	if (!meta) return 0;
	const start = meta.dictionary_page_offset ?? meta.data_page_offset;
	return Number(start + meta.total_compressed_size);
}

/** How one column's values become text, from its Parquet type. */
function textFor(field: SchemaElement): (value: unknown) => Cell {
	const logical = field.logical_type;
	if (field.type === 'FLOAT') return (v) => (typeof v === 'number' ? float32Text(v) : cellText(v));
	if (field.converted_type === 'DECIMAL') {
		// hyparquet scales decimals as doubles (3 × 0.1 = 0.30000000000000004): back to the scale.
		const scale = field.scale ?? 0;
		return (v) => (typeof v === 'number' ? String(Number(v.toFixed(scale))) : cellText(v));
	}
	const unit =
		logical?.type === 'TIME'
			? logical.unit
			: field.converted_type === 'TIME_MILLIS'
				? 'MILLIS'
				: field.converted_type === 'TIME_MICROS'
					? 'MICROS'
					: undefined;
	if (unit) {
		const perSecond = { MILLIS: 1_000n, MICROS: 1_000_000n, NANOS: 1_000_000_000n }[unit];
		return (v) => (v == null ? null : timeText(BigInt(v as number | bigint), perSecond));
	}
	return cellText;
}

/** A timestamp in `perSecond` units since 1970 as ISO text; fractions only when present. */
function timestampText(value: bigint, perSecond: bigint): string {
	let seconds = value / perSecond;
	let fraction = value % perSecond;
	if (fraction < 0n) {
		fraction += perSecond;
		seconds -= 1n;
	}
	const whole = isoDateTime(Number(seconds) * 1000) ?? '';
	if (fraction === 0n) return whole;
	const digits = String(fraction)
		.padStart(String(perSecond).length - 1, '0')
		.replace(/0+$/, '');
	return `${whole.length === 10 ? `${whole}T00:00:00` : whole}.${digits}`;
}

/** A time of day in `perSecond` units since midnight as "HH:MM:SS[.fff]". */
function timeText(value: bigint, perSecond: bigint): string {
	const text = timestampText(value, perSecond);
	return text.length === 10 ? '00:00:00' : text.slice(11);
}

/** The shortest decimal that reads back as the same 32-bit float (0.3, not 0.30000001192092896). */
function float32Text(value: number): string {
	for (let digits = 1; digits <= 9; digits++) {
		const text = value.toPrecision(digits);
		if (Math.fround(Number(text)) === value) return String(Number(text));
	}
	return String(value);
}

/** Loaded only for files that need them, so the common snappy files add nothing to the bundle. */
async function compressorsFor(metadata: FileMetaData): Promise<Compressors | undefined> {
	const codecs = metadata.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec));
	if (codecs.every((codec) => !codec || BUILT_IN_CODECS.has(codec))) return undefined;
	return (await import('hyparquet-compressors')).compressors;
}

function message(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}
