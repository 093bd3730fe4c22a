import type { LocalEngine } from '../../engine/engine';
import { stagingColumnNames } from './columns';
import { cellText, type Cell } from './cell-text';
import { progressReporter, StagingRows, stageRows } from './records';
import type { Format, ReadOptions, SourceFile, StagedFile } from './types';

type JsonRecord = Record<string, unknown>;

/**
 * Stages a JSON file holding a list of records: `[{…}, {…}]`, or an object whose one list
 * property holds them (`{"data": [{…}]}`, as many APIs export). Columns are every key seen, in
 * the order first seen.
 */
export async function readJson(
	db: LocalEngine,
	source: SourceFile,
	table: string,
	options: ReadOptions = {}
): Promise<StagedFile> {
	const text = await decode(source);
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (e) {
		throw new Error(`${source.name} is not valid JSON (${(e as Error).message}).`, { cause: e });
	}
	const notes: string[] = [];
	let items = parsed;
	if (isRecord(parsed)) {
		const lists = Object.keys(parsed).filter((key) => Array.isArray(parsed[key]));
		if (lists.length !== 1) {
			const found = lists.length ? `lists: ${lists.map((k) => `"${k}"`).join(', ')}` : 'no list';
			throw new Error(
				`${source.name} holds one object with ${found}; expected a list of records like [{…}, {…}].`
			);
		}
		items = parsed[lists[0]!];
		notes.push(`Records read from the "${lists[0]}" list.`);
	}
	if (!Array.isArray(items)) {
		throw new Error(`${source.name} holds ${kind(items)}, not a list of records like [{…}, {…}].`);
	}
	const records = items.map((item: unknown, i) => {
		if (isRecord(item)) return item;
		throw new Error(
			`${source.name}: item ${i + 1} of the list is ${kind(item)}, not a record with named fields.`
		);
	});
	return stageRecords(db, source, table, 'json', records, notes, options);
}

/** Stages newline-delimited JSON (.ndjson/.jsonl): one record per line, blank lines skipped. */
export async function readNdjson(
	db: LocalEngine,
	source: SourceFile,
	table: string,
	options: ReadOptions = {}
): Promise<StagedFile> {
	const lines = (await decode(source)).split('\n');
	// The newline ending the last record ends a line; it does not start a blank one.
	if (lines.at(-1)?.trim() === '') lines.pop();
	const records = lines.map((line, i): JsonRecord => {
		if (line.trim() === '') return {};
		let parsed: unknown;
		try {
			parsed = JSON.parse(line);
		} catch (e) {
			throw new Error(
				`${source.name}, line ${i + 1} is not valid JSON (${(e as Error).message}).`,
				{
					cause: e
				}
			);
		}
		if (isRecord(parsed)) return parsed;
		throw new Error(
			`${source.name}, line ${i + 1} is ${kind(parsed)}, not a record with named fields.`
		);
	});
	return stageRecords(db, source, table, 'ndjson', records, [], options);
}

/** Records as rows: a key a record lacks is NULL there, and an empty record is a blank row. */
function stageRecords(
	db: LocalEngine,
	source: SourceFile,
	table: string,
	format: Format,
	records: JsonRecord[],
	notes: string[],
	options: ReadOptions
): Promise<StagedFile> {
	const index = new Map<string, number>();
	for (const record of records) {
		for (const key of Object.keys(record)) if (!index.has(key)) index.set(key, index.size);
	}
	if (index.size === 0) throw new Error(`${source.name} holds no records with any fields.`);
	const rows = new StagingRows(stagingColumnNames([...index.keys()]), {
		onChunk: progressReporter(source, options.onProgress, () => source.blob.size)
	});
	for (const record of records) {
		const cells: Cell[] = new Array<Cell>(index.size).fill(null);
		for (const [key, value] of Object.entries(record)) cells[index.get(key)!] = cellText(value);
		rows.add(cells);
	}
	return stageRows(db, source, table, format, rows, { notes });
}

/** JSON is UTF-8 by definition (RFC 8259); anything else is refused rather than guessed. */
async function decode(source: SourceFile): Promise<string> {
	const bytes = await source.blob.arrayBuffer();
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw new Error(`${source.name} is not UTF-8 text: save it as UTF-8 and import it again.`);
	}
}

function isRecord(value: unknown): value is JsonRecord {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kind(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	const shown = JSON.stringify(value);
	return `a ${typeof value} (${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown})`;
}
