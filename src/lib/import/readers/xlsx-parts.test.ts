import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import writeXlsxFile, { type SheetData } from 'write-excel-file/universal';
import { workbookParts } from './xlsx-parts';

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

describe('workbookParts', () => {
	it("lists the sheets in order, names unescaped, with every sheet's merged ranges", async () => {
		// Merges on many rows, in a file of several of the 64 kB pieces the zip is read in: their
		// tags are found across the decompressed chunks, one cut in two now and then.
		const rows: SheetData = Array.from({ length: 20_000 }, (_, i) =>
			i % 10 === 0
				? [{ value: `merged ${i}`, columnSpan: 2 }, null, 'x'.repeat(40)]
				: [`row ${i}`, i, `${i * 7919}`.repeat(6)]
		);
		const bytes = await bytesOf(
			await writeXlsxFile([
				{ data: [['a']], sheet: 'Notes & <drafts>' },
				{ data: rows, sheet: 'Sessions' }
			]).toBlob()
		);
		expect(bytes.length).toBeGreaterThan(4 * 64 * 1024);
		const sheet2 = strFromU8(unzipSync(bytes)['xl/worksheets/sheet2.xml']!);
		const tags = [...sheet2.matchAll(/<mergeCell ref="([^"]+)"/g)].map((m) => m[1]);
		const parts = (await workbookParts(bytes))?.sheets;
		expect(parts?.map((p) => p.name)).toEqual(['Notes & <drafts>', 'Sessions']);
		expect(parts?.[0]?.merges).toEqual([]);
		expect(parts?.[1]?.merges).toEqual(
			Array.from({ length: 2000 }, (_, k) => `A${10 * k + 1}:B${10 * k + 1}`)
		);
		expect(parts?.[1]?.merges).toEqual(tags);
	});

	it('is null for bytes that hold no workbook', async () => {
		expect(await workbookParts(new TextEncoder().encode('patient,pain\n'))).toBeNull();
	});
});
