import { describe, expect, it } from 'vitest';
import { decodeDatasetFile, encodeDatasetFile } from './dataset-file';

describe('dataset files', () => {
	const table = (name: string, ipc: number[]) => ({
		name,
		ddl: '',
		rows: 1,
		ipc: new Uint8Array(ipc)
	});
	const file = {
		report: { rows: 1 } as never,
		mapping: { layout: 'wide' } as never,
		tables: [table('a', [1, 2, 3]), table('b', []), table('c', [4])]
	};

	it('round-trip, each table with bytes of its own', () => {
		const decoded = decodeDatasetFile(encodeDatasetFile(file));
		expect(decoded).toEqual(file);
		expect(new Set(decoded.tables.map((t) => t.ipc.buffer)).size).toBe(3);
	});

	it('refuse cut, padded or foreign bytes', () => {
		const encoded = encodeDatasetFile(file);
		const refused = /damaged or not a dataset file/;
		expect(() => decodeDatasetFile(encoded.subarray(0, encoded.length - 1))).toThrow(refused);
		expect(() => decodeDatasetFile(new Uint8Array([...encoded, 0]))).toThrow(refused);
		expect(() => decodeDatasetFile(encoded.subarray(0, 40))).toThrow(refused);
		expect(() => decodeDatasetFile(new TextEncoder().encode('ARROW1\0\0'))).toThrow(refused);
	});
});
