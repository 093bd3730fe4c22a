import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freshDb, rows as query, TEST_NOW } from '../../../tests/support/db';
import type { LocalEngine } from '../engine/engine';
import { importFiles } from './import-files';
import type { Mapping } from './mapping';
import { encodeCsv, writeCsv, type Dialect } from './roundtrip.test-support';

/**
 * Characters that break naive text handling: byte-order marks, zero-width and bidi controls,
 * control characters, astral-plane characters, quotes, delimiters, line breaks, markers of
 * "no value" and SQL escapes. Every one must arrive in every text field, tidied only as documented.
 */
const HOSTILE = [
	...['\ufeff', '\u200b', '\u200c', '\u200d', '\u2060', '\u202e', '\u202c', '\u2066', '\u2069'],
	...['\u200f', '\u061c', '\0', '\u0001', '\u0007', '\u001b', '\u007f', '\u0085', '\u00a0'],
	...['\u2028', '\u2029', '\t', '\n', '\r\n', '\r', '\f', '\v', ' ', '  ', '"', "'", '""'],
	...[',', ';', '|', '=', '+', '-', '@', '\\N', 'NULL', 'NA', 'n/a', "'; DROP TABLE x; --"],
	...['😀', '👩‍⚕️', '𝔘𝔫𝔦', '\u{10fffd}', 'é', 'ß', 'شمس', 'שלום', '\u0301']
];
const piece = fc.oneof(
	{ weight: 6, arbitrary: fc.constantFrom(...HOSTILE) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 2 }) }
);
const run = (maxLength: number) => fc.array(piece, { maxLength }).map((p) => p.join(''));

/**
 * A hostile text around a token no alias or missing marker can match ("xq17"), so what is
 * expected is plain tidying; sometimes thousands of characters long.
 */
const text = fc.oneof(
	{ weight: 8, arbitrary: fc.tuple(run(6), run(6)) },
	{ weight: 1, arbitrary: fc.tuple(run(1500), run(1500)) }
);

const TEXT_FIELDS = [
	'patient',
	'clinic',
	'therapist',
	'condition',
	'technique',
	'sex',
	'age_band',
	'notes'
] as const;
type TextField = (typeof TEXT_FIELDS)[number];

const MAPPING: Mapping = {
	layout: 'wide',
	fields: { ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, f])), date: 'date' },
	measures: { pain: 'pain' }
};

/** What the import makes of a text (`mo_text`): runs of [\t\n\f\r ] become one space, trimmed. */
const tidy = (v: string) => v.replace(/[\t\n\f\r ]+/g, ' ').replace(/^ | $/g, '');
/** Notes are kept verbatim; age bands are written with an en dash, as the bands are made. */
const expected = (field: TextField, v: string) =>
	field === 'notes' ? v : tidy(field === 'age_band' ? v.replaceAll('-', '–') : v);

const table = fc.array(fc.record(Object.fromEntries(TEXT_FIELDS.map((f) => [f, text]))), {
	minLength: 1,
	maxLength: 25
});
const dialect: fc.Arbitrary<Dialect> = fc.record({
	delimiter: fc.constantFrom(',', ';', '\t', '|'),
	eol: fc.constantFrom('\n', '\r\n'),
	encoding: fc.constantFrom('utf-8', 'utf-8-bom'),
	quoteAll: fc.boolean(),
	decimalComma: fc.constant(false),
	finalEol: fc.boolean()
});

let db: LocalEngine;
beforeAll(async () => {
	db = await freshDb();
});
afterAll(() => db.close());

it('keeps hostile text in every text field: no failed import, every value as expected', async () => {
	await fc.assert(
		fc.asyncProperty(table, dialect, async (generated, d) => {
			// Row i's patient carries a token of its own: each row is its own session.
			const records = generated.map((r, i) =>
				Object.fromEntries(
					TEXT_FIELDS.map((f) => {
						const [before, after] = r[f]!;
						return [f, `${before}xq17${f === 'patient' ? `r${i}` : ''}${after}`];
					})
				)
			);
			const header = [...TEXT_FIELDS, 'date', 'pain'];
			const csv = writeCsv(
				header,
				records.map((r) => [...TEXT_FIELDS.map((f) => r[f]!), '2025-03-04', '5']),
				d
			);
			const [bytes] = encodeCsv(csv, d.encoding);
			const source = { name: 'hostile.csv', blob: new Blob([bytes]) };
			const { report } = await importFiles(db, [source], { now: TEST_NOW, mapping: MAPPING });
			expect(report.accepted + report.rejected).toBe(records.length);
			expect(report).toMatchObject({ rows: records.length, rejected: 0 });
			// Compared in SQL, the expected text bound from JS: read back, a leading U+FEFF is lost.
			const cells = TEXT_FIELDS.map(() => '?::VARCHAR').join(', ');
			const same = TEXT_FIELDS.map((f) => `s.${f}::VARCHAR IS NOT DISTINCT FROM e.${f} AS ${f}`);
			const verdicts = await query(
				db,
				`SELECT e."row", ${same.join(', ')}
				FROM (VALUES ${records.map(() => `(?::INTEGER, ${cells})`).join(', ')}) e("row", ${TEXT_FIELDS.join(', ')})
				LEFT JOIN sessions s ON s.source_row = e."row" ORDER BY e."row"`,
				records.flatMap((r, i) => [i + 1, ...TEXT_FIELDS.map((f) => expected(f, r[f]!))])
			);
			const allTrue = Object.fromEntries(TEXT_FIELDS.map((f) => [f, true]));
			expect(verdicts).toEqual(records.map((_, i) => ({ row: i + 1, ...allTrue })));
		}),
		{ numRuns: 25 }
	);
}, 180_000);
