import type { Mapping } from '../import/mapping';
import type { ImportReport } from '../import/report';
import { blobOf, type TableSnapshot } from './snapshot';

/**
 * A whole dataset in one file, ready to open: what IndexedDB keeps for a dataset (every table as
 * DuckDB wrote it in Arrow IPC, the import's report and mapping). The bundled sample ships so,
 * built from sample-data/ by the same import at build time, so a first visit restores it instead
 * of importing the CSV.
 */
export interface DatasetFile {
	report: ImportReport;
	mapping: Mapping;
	tables: TableSnapshot[];
}

/**
 * Layout: the magic line, the header's length (uint32, little-endian), the header (JSON: report,
 * mapping, each table's name, DDL, rows and byte length), then each table's bytes in that order.
 */
const MAGIC = new TextEncoder().encode('massage-outcomes dataset 1\n');
const LENGTH_BYTES = 4;

interface Header {
	report: ImportReport;
	mapping: Mapping;
	tables: (Omit<TableSnapshot, 'ipc'> & { bytes: number })[];
}

export function encodeDatasetFile({ report, mapping, tables }: DatasetFile): Blob {
	const header: Header = {
		report,
		mapping,
		tables: tables.map(({ ipc, ...table }) => ({ ...table, bytes: ipc.size }))
	};
	const head = new TextEncoder().encode(JSON.stringify(header));
	const length = new Uint8Array(LENGTH_BYTES);
	new DataView(length.buffer).setUint32(0, head.length, true);
	return new Blob([MAGIC, length, head, ...tables.map((t) => t.ipc)]);
}

/** Reads a dataset file; throws on anything that is not one, whole. */
export function decodeDatasetFile(bytes: Uint8Array): DatasetFile {
	const damaged = new Error('The dataset file is damaged or not a dataset file');
	const start = MAGIC.length + LENGTH_BYTES;
	if (bytes.length < start || MAGIC.some((b, i) => bytes[i] !== b)) throw damaged;
	const headLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(MAGIC.length, true);
	if (start + headLength > bytes.length) throw damaged;
	let header: Header;
	try {
		header = JSON.parse(new TextDecoder().decode(bytes.subarray(start, start + headLength)));
	} catch {
		throw damaged;
	}
	let at = start + headLength;
	const tables = header.tables.map(({ bytes: length, ...table }) => {
		const ipc = blobOf(bytes.subarray(at, at + length));
		at += length;
		return { ...table, ipc };
	});
	if (at !== bytes.length) throw damaged;
	return { report: header.report, mapping: header.mapping, tables };
}
