import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../../engine/engine';
import { createNodeEngine } from '../../engine/node-engine';
import { describeError, PlainError } from '../../errors/user-error';
import { readCsv } from './csv';
import type { ReadProgress } from './types';

let db: LocalEngine;
beforeAll(async () => {
	db = await createNodeEngine();
});
afterAll(() => db.close());

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Pieces are written in transactions: none may be left open, whatever happened. */
async function expectNoOpenTransaction() {
	await db.query({ sql: 'BEGIN TRANSACTION' }); // fails inside an open one
	await db.query({ sql: 'ROLLBACK' });
}
const source = (bytes: Uint8Array | string, name = 'f.csv') => ({
	name,
	blob: new Blob([typeof bytes === 'string' ? utf8(bytes) : (bytes as Uint8Array<ArrayBuffer>)])
});

async function staged(bytes: Uint8Array | string, chunkBytes?: number) {
	const result = await readCsv(db, source(bytes), 'staged', {}, chunkBytes);
	const table = await db.query({ sql: 'SELECT * FROM staged ORDER BY __source_row' });
	return { result, rows: table.toArray().map((r) => r.toJSON()) };
}

describe('readCsv', () => {
	it.each([
		['comma', ','],
		['semicolon', ';'],
		['tab', '\t'],
		['pipe', '|']
	])('reads %s-delimited files', async (_name, d) => {
		const { result, rows } = await staged(`id${d}pain\nA${d}3\nB${d}4\n`);
		expect(result.columns).toEqual(['id', 'pain']);
		expect(rows).toEqual([
			{ __source_row: 1, __extra_fields: 0, id: 'A', pain: '3' },
			{ __source_row: 2, __extra_fields: 0, id: 'B', pain: '4' }
		]);
	});

	it('keeps decimal commas as text in semicolon files (they are cast later, and reported)', async () => {
		const { rows, result } = await staged('id;pain;note\nA;7,5;x\nB;6,0;y\n');
		expect(result.notes[0]).toMatch(/semicolon/);
		expect(rows.map((r) => r.pain)).toEqual(['7,5', '6,0']);
	});

	it('handles a BOM, CRLF, stray header spaces, and quoted delimiters, quotes and newlines', async () => {
		const text = '\uFEFF id , Pain (0-10) ,notes\r\n"A,1",5,"said ""ok""\r\nthen left"\r\nB,6,\r\n';
		const { rows, result } = await staged(text);
		expect(result.columns).toEqual(['id', 'Pain (0-10)', 'notes']);
		expect(rows).toEqual([
			{
				__source_row: 1,
				__extra_fields: 0,
				id: 'A,1',
				'Pain (0-10)': '5',
				notes: 'said "ok"\r\nthen left'
			},
			{ __source_row: 2, __extra_fields: 0, id: 'B', 'Pain (0-10)': '6', notes: null }
		]);
	});

	it("keeps a U+FEFF that starts a record's first field, in the first chunk or a later one", async () => {
		// The file's own mark goes; those of A (right after the header) and C (starting a chunk of
		// its own at 8 bytes a chunk) are data. Counted in SQL: read back, Arrow would drop them.
		await staged('\uFEFFid,v\n\uFEFFA,1\nB,2\n\uFEFFC,3\n', 8);
		const got = await db.query({
			sql: `SELECT list(__source_row ORDER BY __source_row) AS marked FROM staged
				WHERE starts_with(id, chr(65279)) AND length(id) = 2`
		});
		expect([...(got.toArray()[0]!.toJSON().marked as Iterable<number>)]).toEqual([1, 3]);
	});

	it('numbers data records, not lines: blank rows and quoted newlines do not count', async () => {
		const { rows, result } = await staged('id,v\n\nA,"1\n2"\n ,  \n\nB,3\n,\nC,4');
		expect(rows.map((r) => [r.__source_row, r.id])).toEqual([
			[1, 'A'],
			[2, 'B'],
			[3, 'C']
		]);
		expect(result.rows).toBe(3);
		expect(result.notes.join(' ')).toMatch(/2 blank rows skipped/);
	});

	it('decodes Windows-1252 when the file is not UTF-8', async () => {
		// "Caf\xe9" and a euro sign (0x80) and smart quotes (0x93/0x94) in Windows-1252.
		const bytes = new Uint8Array([
			...utf8('id,note\nA,Caf'),
			0xe9,
			0x20,
			0x80,
			0x35,
			0x20,
			0x93,
			0x6f,
			0x6b,
			0x94,
			0x0a
		]);
		const { rows, result } = await staged(bytes);
		expect(rows[0]!.note).toBe('Café €5 “ok”');
		expect(result.notes[0]).toMatch(/Windows-1252/);
	});

	it('rereads as Windows-1252 when the first byte that is not UTF-8 comes pieces in', async () => {
		// At 16 bytes a piece the é is in the fifth, after a transaction of four was committed.
		const head = utf8(
			'id,note\n' + Array.from({ length: 12 }, (_, i) => `P${i},ok`).join('\n') + '\nQ,Caf'
		);
		const { rows, result } = await staged(new Uint8Array([...head, 0xe9, 0x0a]), 16);
		expect(result.notes[0]).toMatch(/Windows-1252/);
		expect(rows.map((r) => r.note)).toEqual([...Array(12).fill('ok'), 'Café']);
		expect(rows.at(-1)!.__source_row).toBe(13);
		await expectNoOpenTransaction();
	});

	it('counts fields beyond the header, so such rows can be rejected', async () => {
		const { rows } = await staged('id,v\nA,1\nB,2,oops,again\nC,3,\n');
		expect(rows.map((r) => r.__extra_fields)).toEqual([0, 2, 0]);
	});

	it('gives the same table whatever the chunk size, and reports progress', async () => {
		const lines = Array.from(
			{ length: 300 },
			(_, i) => `P${i},"note ${i}\nwith ""quotes""",${i % 11}`
		);
		const text = `id,note,pain\n${lines.join('\r\n')}\n`;
		const whole = await staged(text);
		const progress: ReadProgress[] = [];
		await readCsv(db, source(text), 'staged', { onProgress: (p) => progress.push(p) }, 257);
		const small = await db.query({ sql: 'SELECT * FROM staged ORDER BY __source_row' });
		expect(small.toArray().map((r) => r.toJSON())).toEqual(whole.rows);
		expect(progress.length).toBeGreaterThan(10);
		expect(progress.at(-1)).toEqual({
			bytesRead: utf8(text).length,
			totalBytes: utf8(text).length,
			rows: 300
		});
	});

	it('refuses a file whose quote never closes, naming the line', async () => {
		await expect(staged('id,v\nA,1\nB,"2\nC,3\n')).rejects.toThrow(
			/opened on line 3 is never closed/
		);
	});

	it('refuses a file without a recognisable header', async () => {
		await expect(staged('just one column\nvalue\n')).rejects.toThrow(/No column delimiter/);
	});
});

describe('readCsv on files that are not tables', () => {
	it('refuses a whole file on one line at once, in plain words, leaving nothing staged', async () => {
		const oneLine = Array.from({ length: 200_000 }, (_, i) => `x${i}`).join(',');
		const failure = readCsv(db, source(oneLine, 'one-line.csv'), 'wide');
		await expect(failure).rejects.toBeInstanceOf(PlainError);
		await expect(failure).rejects.toThrow(
			/^one-line\.csv: the first line has more than 1,000 fields, .* check it is the right file/
		);
		const tables = await db.query({
			sql: `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'wide'`
		});
		expect(tables.get(0)?.toJSON()).toEqual({ n: 0 });
	});

	it('names the file and the row when a row has far more fields than the header', async () => {
		const wide = Array.from({ length: 40 }, (_, i) => `v${i}`).join(',');
		const failure = readCsv(db, source(`id,pain\nA,3\nB,4\n${wide}\n`, 'shifted.csv'), 'staged');
		await expect(failure).rejects.toThrow(
			'shifted.csv could not be read at or near data row 3: a row has many more fields than the header (more than 16 extra). Check the delimiter and the quoting, or export the file again as CSV.'
		);
		// The engine's own words stay available, folded away, for a bug report.
		const shown = describeError(await failure.catch((e: unknown) => e));
		expect(shown.detail).toMatch(/Expected Number of Columns/);
	});

	it('reports a bad row pieces in as well, rolling back what was not committed', async () => {
		const wide = Array.from({ length: 40 }, (_, i) => `v${i}`).join(',');
		const rows = Array.from({ length: 30 }, (_, i) => `P${i},${i % 10}`).join('\n');
		const failure = readCsv(db, source(`id,pain\n${rows}\n${wide}\n`, 'late.csv'), 'late', {}, 24);
		await expect(failure).rejects.toThrow(
			/^late\.csv could not be read at or near data row 31: a row has many more fields/
		);
		await expectNoOpenTransaction();
	});
});
