import type { Table } from 'apache-arrow';
import { parquetWriteBuffer, type SchemaElement } from 'hyparquet-writer';
import type { ParquetKind } from './export-sql';

/** Each kind's Parquet type; every column may hold NULL. */
const ELEMENT: Record<ParquetKind, Omit<SchemaElement, 'name'>> = {
	boolean: { type: 'BOOLEAN' },
	int32: { type: 'INT32' },
	int64: { type: 'INT64' },
	double: { type: 'DOUBLE' },
	date: { type: 'INT32', converted_type: 'DATE' },
	timestamp: { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' },
	string: { type: 'BYTE_ARRAY', converted_type: 'UTF8' }
};

/**
 * A Parquet file of `table` (made by parquetExportQuery, so each column already has its kind's
 * shape), written on the device by hyparquet-writer: duckdb-wasm has no parquet extension.
 */
export function parquetFile(table: Table, kinds: readonly ParquetKind[]): Uint8Array {
	const names = table.schema.fields.map((f) => f.name);
	const schema: SchemaElement[] = [
		{ name: 'root', num_children: names.length },
		...names.map((name, i) => ({
			name,
			repetition_type: 'OPTIONAL' as const,
			...ELEMENT[kinds[i]!]
		}))
	];
	const columnData = names.map((name, i) => {
		const values = Array.from(table.getChildAt(i) ?? [], (v: unknown) => v ?? null);
		// INT64 is written from bigint; the engine hands counts over as doubles.
		const data =
			kinds[i] === 'int64' ? values.map((v) => (v === null ? null : BigInt(v as number))) : values;
		return { name, data };
	});
	return new Uint8Array(parquetWriteBuffer({ columnData, schema }));
}
