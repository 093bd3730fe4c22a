import { describe, expect, it } from 'vitest';
import { decodeDatasetFile, encodeDatasetFile } from './dataset-file';
import type { TableSnapshot } from './snapshot';

describe('dataset files', () => {
	const table = (name: string, ipc: number[]) => ({
		name,
		ddl: '',
		rows: 1,
		ipc: new Blob([new Uint8Array(ipc)])
	});
	const file = {
		report: { rows: 1 } as never,
		mapping: { layout: 'wide' } as never,
		tables: [table('a', [1, 2, 3]), table('b', []), table('c', [4])]
	};
	/** A table with its bytes as numbers: Blobs themselves compare equal whatever they hold. */
	const plain = async ({ ipc, ...t }: TableSnapshot) => ({
		...t,
		ipc: [...new Uint8Array(await ipc.arrayBuffer())]
	});
	const encoded = async () => new Uint8Array(await encodeDatasetFile(file).arrayBuffer());

	it('round-trip', async () => {
		const { tables, ...decoded } = decodeDatasetFile(await encoded());
		expect(decoded).toEqual({ report: file.report, mapping: file.mapping });
		expect(await Promise.all(tables.map(plain))).toEqual([
			{ name: 'a', ddl: '', rows: 1, ipc: [1, 2, 3] },
			{ name: 'b', ddl: '', rows: 1, ipc: [] },
			{ name: 'c', ddl: '', rows: 1, ipc: [4] }
		]);
	});

	it('refuse cut, padded or foreign bytes', async () => {
		const bytes = await encoded();
		const refused = /damaged or not a dataset file/;
		expect(() => decodeDatasetFile(bytes.subarray(0, bytes.length - 1))).toThrow(refused);
		expect(() => decodeDatasetFile(new Uint8Array([...bytes, 0]))).toThrow(refused);
		expect(() => decodeDatasetFile(bytes.subarray(0, 40))).toThrow(refused);
		expect(() => decodeDatasetFile(new TextEncoder().encode('ARROW1\0\0'))).toThrow(refused);
	});
});
