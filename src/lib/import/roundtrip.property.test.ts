import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freshDb, rows as query, TEST_NOW } from '../../../tests/support/db';
import type { LocalEngine } from '../engine/engine';
import { importFiles } from './import-files';
import { MISSING_MARKERS } from './macros-sql';
import {
	collapseSpaces,
	CP1252_CHARS,
	encodeCsv,
	fitsCp1252,
	writeCsv,
	type Dialect
} from './roundtrip.test-support';

/** Pieces that break naive CSV, SQL or spreadsheet handling; they must all arrive intact. */
const HOSTILE = ['"', '""', ',', ';', '\t', '|', '\n', '\r\n', '\r', ' ', '=', '+', '-', '@', '\0']
	.concat(["'; DROP TABLE x; --", 'שלום', 'مرحبا', '👩‍⚕️', '\u200b', '\u200f', '\\N', 'NULL'])
	.concat(['é', 'ß', '€', '’', '“', '\u00a0']);

/** A table is written either in full Unicode or only in characters Windows-1252 can hold. */
const unitOf = (charset: 'unicode' | 'cp1252') =>
	charset === 'unicode'
		? fc.oneof(
				fc.constantFrom(...HOSTILE),
				fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
				fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })
			)
		: fc.oneof(fc.constantFrom(...HOSTILE.filter(fitsCp1252)), fc.constantFrom(...CP1252_CHARS));
type Unit = ReturnType<typeof unitOf>;

/** As `mo_missing` reads a cell: trimmed of ASCII whitespace, any case. */
const isMarker = (v: string) =>
	MISSING_MARKERS.includes(v.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').toLowerCase());

/** Identifiers are trimmed on import (Unicode White_Space) and "n/a", "-"… mean no patient. */
const name = (unit: Unit) =>
	fc
		.string({ unit, minLength: 1, maxLength: 12 })
		.filter(
			(s) => !/^[\s\u0085]|[\s\u0085]$/u.test(s) && !MISSING_MARKERS.includes(s.toLowerCase())
		);

/** [as written, label expected]: standard labels and aliases, and "X …" that match no alias. */
const CONDITIONS = [
	['Low back pain'],
	['lbp', 'Low back pain'],
	['Neck pain'],
	['FIBROMYALGIA', 'Fibromyalgia'],
	['Tension-type headache', 'Headache']
];
const TECHNIQUES = [
	['Deep tissue'],
	['Swedish'],
	['mfr', 'Myofascial release'],
	['Trigger point therapy', 'Neuromuscular / trigger point'],
	['MLD', 'Manual lymphatic drainage']
];
const category = (known: string[][], unit: Unit) =>
	fc.oneof(
		fc.constantFrom(...known.map(([w, label]) => ({ written: w!, label: label ?? w! }))),
		name(unit).map((s) => ({ written: `X ${s}`, label: collapseSpaces(`X ${s}`) }))
	);

/** A score as written: an integer, or a decimal with one digit (7.5), or an empty cell. */
const score = (decimals: boolean) =>
	fc.option(
		decimals
			? fc.oneof(
					fc.integer({ min: 0, max: 10 }).map((n) => ({ n, digits: 0 })),
					fc.integer({ min: 0, max: 100 }).map((n) => ({ n: n / 10, digits: 1 }))
				)
			: fc.integer({ min: 0, max: 10 }).map((n) => ({ n, digits: 0 })),
		{ nil: null }
	);

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2020, 0, 1);
const DAYS = (Date.UTC(2025, 11, 31) - FIRST_DAY) / DAY_MS;

const row = (unit: Unit) =>
	fc
		.record({
			patient: name(unit),
			date: fc
				.integer({ min: 0, max: DAYS })
				.map((d) => new Date(FIRST_DAY + d * DAY_MS).toISOString().slice(0, 10)),
			condition: category(CONDITIONS, unit),
			technique: category(TECHNIQUES, unit),
			pain: score(true),
			sleep: score(false),
			// Units can be several characters ("\r\n", emoji): cut to 2000 code points.
			notes: fc
				.oneof(
					{ weight: 4, arbitrary: fc.string({ unit, size: 'medium' }) },
					{ weight: 1, arbitrary: fc.string({ unit, minLength: 500, maxLength: 2000 }) }
				)
				.map((s) => Array.from(s).slice(0, 2000).join(''))
		})
		.filter((r) => r.pain !== null || r.sleep !== null);
type Row = ReturnType<typeof row> extends fc.Arbitrary<infer R> ? R : never;

/** One session per key, so no duplicate rule can fire; keys as the importer reads them. */
const table = fc.constantFrom('unicode' as const, 'cp1252' as const).chain((charset) =>
	fc.uniqueArray(row(unitOf(charset)), {
		minLength: 1,
		maxLength: 40,
		size: 'medium',
		selector: (r) =>
			JSON.stringify([collapseSpaces(r.patient), r.date, r.condition.label, r.technique.label])
	})
);

const dialect: fc.Arbitrary<Dialect> = fc.record({
	delimiter: fc.constantFrom(',', ';', '\t', '|'),
	eol: fc.constantFrom('\n', '\r\n'),
	encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'windows-1252'),
	quoteAll: fc.boolean(),
	decimalComma: fc.boolean(),
	finalEol: fc.boolean()
});

const COLUMNS = ['patient_id', 'session_date', 'condition', 'technique', 'pain', 'sleep', 'notes'];

function cell(r: Row, column: string, d: Dialect): string {
	const num = (s: { n: number; digits: number } | null) => {
		const text = s === null ? '' : s.n.toFixed(s.digits);
		return d.decimalComma && d.delimiter !== ',' ? text.replace('.', ',') : text;
	};
	const cells: Record<string, string> = {
		patient_id: r.patient,
		session_date: r.date,
		condition: r.condition.written,
		technique: r.technique.written,
		pain: num(r.pain),
		sleep: num(r.sleep),
		notes: r.notes
	};
	return cells[column]!;
}

let db: LocalEngine;
// One engine for every run: starting DuckDB takes about a second, an import far less.
beforeAll(async () => {
	db = await freshDb();
});
afterAll(() => db.close());

it('imports any valid table back identically, whatever the CSV dialect', async () => {
	await fc.assert(
		fc.asyncProperty(
			table,
			dialect,
			fc.shuffledSubarray(COLUMNS, { minLength: COLUMNS.length }),
			async (sessions, d, columns) => {
				const csv = writeCsv(
					columns,
					sessions.map((r) => columns.map((c) => cell(r, c, d))),
					d
				);
				const [bytes] = encodeCsv(csv, d.encoding);
				const source = { name: 'export.csv', blob: new Blob([bytes]) };
				const { report } = await importFiles(db, [source], { now: TEST_NOW });
				const n = sessions.length;
				expect(report).toMatchObject({ rows: n, accepted: n, rejected: 0, sessions: n });
				expect(await query(db, 'SELECT * FROM import_problems')).toEqual([]);
				const back = await query(
					db,
					`
					SELECT s.source_row AS "row", s.patient, strftime(s.session_date, '%Y-%m-%d') AS date,
						s.condition::VARCHAR AS condition, s.technique::VARCHAR AS technique, s.notes,
						max(o.value) FILTER (o.measure = 'pain') AS pain,
						max(o.value) FILTER (o.measure = 'sleep') AS sleep,
						count(o.value)::INTEGER AS observations
					FROM sessions s LEFT JOIN observations o USING (session_id)
					GROUP BY ALL ORDER BY "row"`
				);
				expect(back).toEqual(
					sessions.map((r, i) => ({
						row: i + 1,
						// Identifiers are matched as text: line breaks and space runs read as one space.
						patient: collapseSpaces(r.patient),
						date: r.date,
						condition: r.condition.label,
						technique: r.technique.label,
						// Notes are kept verbatim; an empty cell or a missing-value marker is no note.
						notes: r.notes === '' || isMarker(r.notes) ? null : r.notes,
						pain: r.pain?.n ?? null,
						sleep: r.sleep?.n ?? null,
						observations: Number(r.pain !== null) + Number(r.sleep !== null)
					}))
				);
			}
		),
		{ numRuns: 40 }
	);
}, 120_000);
