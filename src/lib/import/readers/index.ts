import type { LocalEngine } from '../../engine/engine';
import { readCsv } from './csv';
import { readXlsx } from './excel';
import { readJson, readNdjson } from './json';
import type { SizedFile } from '../size-limits';
import { parquetRows, readParquet } from './parquet';
import type { Format, ReadOptions, SourceFile, StagedFile } from './types';

type Reader = (
	db: LocalEngine,
	source: SourceFile,
	table: string,
	options: ReadOptions
) => Promise<StagedFile>;

const READERS: Record<Format, Reader> = {
	csv: readCsv,
	xlsx: readXlsx,
	parquet: readParquet,
	json: readJson,
	ndjson: readNdjson
};

const BY_EXTENSION: Record<string, Format> = {
	csv: 'csv',
	tsv: 'csv',
	txt: 'csv',
	tab: 'csv',
	xlsx: 'xlsx',
	parquet: 'parquet',
	json: 'json',
	ndjson: 'ndjson',
	jsonl: 'ndjson'
};

/** The format of a file, by its extension, else by its first bytes. */
async function detectFormat(source: SourceFile): Promise<Format> {
	const extension = source.name.toLowerCase().split('.').pop() ?? '';
	if (BY_EXTENSION[extension]) return BY_EXTENSION[extension];
	const head = new Uint8Array(await source.blob.slice(0, 4).arrayBuffer());
	const text = new TextDecoder().decode(head);
	if (text === 'PAR1') return 'parquet';
	if (text.startsWith('PK')) return 'xlsx';
	if (/^\s*[[{]/.test(text)) return 'json';
	return 'csv';
}

/**
 * What the size check needs of a file, known without reading its data: its size, its format (by
 * extension, else by its first four bytes) and, for Parquet, the rows its footer states.
 */
export async function sizeOf(source: SourceFile): Promise<SizedFile> {
	const format = await detectFormat(source);
	const rows = format === 'parquet' ? await parquetRows(source.blob) : undefined;
	return { name: source.name, format, bytes: source.blob.size, rows };
}

/** Reads one file into staging table `table` with the reader its format needs. */
export async function stageFile(
	db: LocalEngine,
	source: SourceFile,
	table: string,
	options: ReadOptions = {}
): Promise<StagedFile> {
	const format = await detectFormat(source);
	return READERS[format](db, source, table, options);
}
