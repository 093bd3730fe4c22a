import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../../engine/engine';
import { createNodeEngine } from '../../engine/node-engine';
import { readJson, readNdjson } from './json';
import { HOSTILE, rowsOf, sameFromDisk, typesOf } from './test-support';

let db: LocalEngine;
beforeAll(async () => {
	db = await createNodeEngine();
});
afterAll(() => db.close());

const N = null;
const LONG = 'x'.repeat(100_000);
/** Two blank records (an empty one and an all-null one) between the third and fourth. */
const RECORDS = [
	{ ' Patient ': 'P1', pain: 7.5, Pain: 0.3, date: '2024-03-05', notes: HOSTILE[0], ok: true },
	{ ' Patient ': 'P2', pain: 10, Pain: N, notes: HOSTILE[1], ok: false, nested: { a: [1, 'b'] } },
	{ ' Patient ': 'P3', pain: -1.25, notes: HOSTILE[2], extra: 1e21 },
	{},
	{ ' Patient ': N, pain: '', notes: N },
	{ ' Patient ': 'P4', notes: HOSTILE[3], nested: [] },
	{ ' Patient ': 'P5', notes: HOSTILE[4], pain: 0 },
	{ ' Patient ': 'P6', notes: LONG, date: '' }
];
const COLUMNS = ['Patient', 'pain', 'Pain (2)', 'date', 'notes', 'ok', 'nested', 'extra'];
const row = (...cells: unknown[]) =>
	Object.fromEntries(['__source_row', ...COLUMNS].map((n, i) => [n, cells[i] ?? N]));
const EXPECTED = [
	row(1, 'P1', '7.5', '0.3', '2024-03-05', HOSTILE[0], 'true'),
	row(2, 'P2', '10', N, N, HOSTILE[1], 'false', '{"a":[1,"b"]}'),
	row(3, 'P3', '-1.25', N, N, HOSTILE[2], N, N, '1e+21'),
	row(4, 'P4', N, N, N, HOSTILE[3], N, '[]'),
	row(5, 'P5', '0', N, N, HOSTILE[4]),
	row(6, 'P6', N, N, N, LONG)
];
const BLANKS = '2 blank rows skipped (not counted as records).';

const blob = (text: string) => new Blob([text]);
const ndjson = () => RECORDS.map((r) => JSON.stringify(r)).join('\r\n') + '\n';

describe('readJson', () => {
	it('stages a list of records: union of keys in first-seen order, all text', async () => {
		const staged = await readJson(
			db,
			{ name: 's.json', blob: blob(JSON.stringify(RECORDS)) },
			'j1'
		);
		expect(staged).toEqual({
			file: 's.json',
			format: 'json',
			table: 'j1',
			columns: COLUMNS,
			rows: 6,
			notes: [BLANKS]
		});
		expect(await rowsOf(db, 'j1')).toEqual(EXPECTED);
		const types = Object.values(await typesOf(db, 'j1'));
		expect(types).toEqual(['INTEGER', ...COLUMNS.map(() => 'VARCHAR')]);
	});

	it('takes the records from an object with exactly one list', async () => {
		const text = JSON.stringify({ exported: '2024-03-07', data: RECORDS });
		const staged = await readJson(db, { name: 's.json', blob: blob(text) }, 'j2');
		expect(staged.notes).toEqual(['Records read from the "data" list.', BLANKS]);
		expect(await rowsOf(db, 'j2')).toEqual(EXPECTED);
	});

	it('refuses what is not a list of records, saying why', async () => {
		const read = (text: string | Uint8Array) =>
			readJson(db, { name: 's.json', blob: new Blob([text as BlobPart]) }, 'j3');
		await expect(read('[{"a": 1}, 2]')).rejects.toThrow(
			's.json: item 2 of the list is a number (2), not a record with named fields.'
		);
		await expect(read('{"a": [1], "b": []}')).rejects.toThrow(
			's.json holds one object with lists: "a", "b"; expected a list of records like [{…}, {…}].'
		);
		await expect(read('"text"')).rejects.toThrow('s.json holds a string ("text"), not a list');
		await expect(read('[]')).rejects.toThrow('s.json holds no records with any fields.');
		await expect(read('[{"a": 1},')).rejects.toThrow(/^s\.json is not valid JSON \(/);
		await expect(read(new Uint8Array([0x5b, 0xff, 0x5d]))).rejects.toThrow(
			's.json is not UTF-8 text: save it as UTF-8 and import it again.'
		);
	});

	it('gives the same table from an in-memory Blob and from a file on disk', async () => {
		const bytes = new TextEncoder().encode(JSON.stringify(RECORDS));
		await sameFromDisk(db, bytes, 's.json', readJson);
	});
});

describe('readNdjson', () => {
	it('stages one record per line (CRLF or LF), blank lines and empty records skipped', async () => {
		const text = ndjson().replace('\r\n{}', '\r\n\r\n   \n{}');
		const staged = await readNdjson(db, { name: 's.ndjson', blob: blob(text) }, 'n1');
		expect(staged).toEqual({
			file: 's.ndjson',
			format: 'ndjson',
			table: 'n1',
			columns: COLUMNS,
			rows: 6,
			notes: ['4 blank rows skipped (not counted as records).']
		});
		expect(await rowsOf(db, 'n1')).toEqual(EXPECTED);
	});

	it('names the line that is not a JSON record', async () => {
		const read = (text: string) => readNdjson(db, { name: 's.jsonl', blob: blob(text) }, 'n2');
		await expect(read('{"a": 1}\n\n{"a": 2,}\n')).rejects.toThrow(
			/^s\.jsonl, line 3 is not valid JSON \(/
		);
		await expect(read('{"a": 1}\n["a", 2]\n')).rejects.toThrow(
			's.jsonl, line 2 is a list, not a record with named fields.'
		);
	});

	it('gives the same table from an in-memory Blob and from a file on disk', async () => {
		await sameFromDisk(db, new TextEncoder().encode(ndjson()), 's.ndjson', readNdjson);
	});
});
