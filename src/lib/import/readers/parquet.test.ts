import { parquetWriteBuffer, type SchemaElement } from 'hyparquet-writer';
import { gzipSync, zstdCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../../engine/engine';
import { createNodeEngine } from '../../engine/node-engine';
import { parquetRows, readParquet } from './parquet';
import { HOSTILE, rowsOf, sameFromDisk, typesOf } from './test-support';
import type { ReadProgress } from './types';

let db: LocalEngine;
beforeAll(async () => {
	db = await createNodeEngine();
});
afterAll(() => db.close());

const N = null;
const d = (iso: string) => new Date(iso);
/** A column's first values; the rest of its 8 rows are NULL. */
const col = (...values: unknown[]) => [...values, ...Array<null>(8 - values.length).fill(N)];
const text = (name: string): SchemaElement => ({
	name,
	type: 'BYTE_ARRAY',
	converted_type: 'UTF8'
});
const micros = { type: 'TIMESTAMP', unit: 'MICROS', isAdjustedToUTC: true } as const;

/** Eight rows in row groups of three; row 3 is blank. Types as pandas/pyarrow/DuckDB write them. */
const COLUMNS: [SchemaElement, unknown[]][] = [
	[text(' Patient '), col('P1', 'P2', N, 'P3', 'P4', 'P5', 'P6', 'P7')],
	[text('patient'), col('', HOSTILE[0], N, ...HOSTILE.slice(1), 'x'.repeat(100_000))],
	[{ name: 'pain', type: 'DOUBLE' }, col(7.5, 10, N, 0.3, -1.25, 1e-7)],
	[{ name: 'score', type: 'FLOAT' }, col(0.3, 7.5)],
	[{ name: 'visits', type: 'INT64' }, col(9007199254740993n, -5n, N, 0n)],
	[{ name: 'ok', type: 'BOOLEAN' }, col(true, false)],
	[{ name: 'day', type: 'INT32', converted_type: 'DATE' }, col(d('2024-03-05'), d('1969-12-31'))],
	[
		{ name: 'at', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' },
		col(d('2024-03-05T14:30:00Z'), d('2024-03-06T00:00:00Z'))
	],
	[{ name: 'at_us', type: 'INT64', logical_type: micros }, col(1709649000123456n)],
	[
		{ name: 'price', type: 'INT32', converted_type: 'DECIMAL', scale: 2, precision: 9 },
		col(7.5, 0.3)
	],
	[{ name: 'time', type: 'INT32', converted_type: 'TIME_MILLIS' }, col(30_600_000, 0)],
	[{ name: 'extra', type: 'BYTE_ARRAY', converted_type: 'JSON' }, col({ a: [1, 'b'] })]
];

function parquet(codec: 'SNAPPY' | 'ZSTD' | 'GZIP' = 'SNAPPY'): Uint8Array<ArrayBuffer> {
	const columnData = COLUMNS.map(([e, data]) => ({ name: e.name, data: data as never[] }));
	const schema: SchemaElement[] = [
		{ name: 'root', num_children: COLUMNS.length },
		...COLUMNS.map(([e]) => ({ repetition_type: 'OPTIONAL' as const, ...e }))
	];
	const compressors = { ZSTD: zstdCompressSync, GZIP: gzipSync };
	return new Uint8Array(
		parquetWriteBuffer({ columnData, schema, codec, compressors, rowGroupSize: 3 })
	);
}

const NAMES = ['__source_row', 'Patient', 'patient (2)', 'pain', 'score', 'visits', 'ok', 'day'];
NAMES.push('at', 'at_us', 'price', 'time', 'extra');
/** One expected staging row: cells in NAMES order, NULL from where they stop. */
const row = (...cells: unknown[]) => Object.fromEntries(NAMES.map((n, i) => [n, cells[i] ?? N]));
const EXPECTED = [
	row(1, 'P1', N, '7.5', '0.3', '9007199254740993', 'true', '2024-03-05', '2024-03-05T14:30:00')
];
Object.assign(EXPECTED[0]!, {
	at_us: '2024-03-05T14:30:00.123456',
	price: '7.5',
	time: '08:30:00',
	extra: '{"a":[1,"b"]}'
});
EXPECTED.push(
	row(2, 'P2', HOSTILE[0], '10', '7.5', '-5', 'false', '1969-12-31', '2024-03-06', N, '0.3'),
	row(3, 'P3', HOSTILE[1], '0.3', N, '0'),
	row(4, 'P4', HOSTILE[2], '-1.25'),
	row(5, 'P5', HOSTILE[3], '1e-7'),
	row(6, 'P6', HOSTILE[4]),
	row(7, 'P7', 'x'.repeat(100_000))
);
EXPECTED[1]!.time = '00:00:00';

describe('readParquet', () => {
	it('stages every column as text, numbered by record, blank rows skipped', async () => {
		const progress: ReadProgress[] = [];
		const blob = new Blob([parquet()]);
		const staged = await readParquet(db, { name: 's.parquet', blob }, 'p1', {
			onProgress: (p) => progress.push(p)
		});
		expect(staged).toEqual({
			file: 's.parquet',
			format: 'parquet',
			table: 'p1',
			columns: NAMES.slice(1),
			rows: 7,
			notes: ['1 blank row skipped (not counted as records).']
		});
		expect(await rowsOf(db, 'p1')).toEqual(EXPECTED);
		const types = await typesOf(db, 'p1');
		expect(types).toEqual(Object.fromEntries(NAMES.map((n, i) => [n, i ? 'VARCHAR' : 'INTEGER'])));
		expect(progress.at(-1)).toEqual({ bytesRead: blob.size, totalBytes: blob.size, rows: 7 });
	});

	it.each(['ZSTD', 'GZIP'] as const)('reads %s-compressed files', async (codec) => {
		const table = `p_${codec.toLowerCase()}`;
		await readParquet(db, { name: 's.parquet', blob: new Blob([parquet(codec)]) }, table);
		expect(await rowsOf(db, table)).toEqual(EXPECTED);
	});

	it('explains a file that is not Parquet', async () => {
		const blob = new Blob(['patient,pain\nP1,7.5\n']);
		await expect(readParquet(db, { name: 's.parquet', blob }, 'p3')).rejects.toThrow(
			/^s\.parquet is not a Parquet file, or it is damaged \(/
		);
	});

	it('gives the same table from an in-memory Blob and from a file on disk', async () => {
		await sameFromDisk(db, parquet(), 's.parquet', readParquet);
	});

	it('states its rows from the footer, for the size check; none from a file that is not Parquet', async () => {
		expect(await parquetRows(new Blob([parquet()]))).toBe(8);
		expect(await parquetRows(new Blob(['patient,pain\nP1,7.5\n']))).toBeUndefined();
	});
});
