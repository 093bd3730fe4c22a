import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../engine/engine';
import { rowObjects } from '../engine/rows';
import { NO_FILTER } from '../stats/sql';
import { summaryQuery } from '../stats/summary';
import { dbWithCsv, readSampleCsv } from '../../../tests/support/db';
import {
	decode,
	expectedFacts,
	expectReportedCounts,
	readExtract,
	seededBytes
} from './deid-check.test-support';
import { deidentify, type DeidResult } from './deidentify';
import { DeidOptionsError } from './options';

const csv = readSampleCsv();
const MEASURES = ['pain', 'flexibility', 'sleep', 'stress'];
let db: LocalEngine;
let result: DeidResult;
const file = (r: DeidResult, name: string) => r.files.find((f) => f.name === name)!;

beforeAll(async () => {
	({ db } = await dbWithCsv(csv));
	result = await deidentify(db, { randomBytes: seededBytes(1), aggregate: true });
}, 60_000);
afterAll(() => db.close());

/** Each sample patient's scores in date order: enough to recognise them in an extract. */
function fingerprints(rows: Record<string, string | undefined>[], id: string) {
	const byPatient = new Map<string, string[]>();
	for (const r of rows) {
		const scores = [r.condition, r.technique, r.pain, r.flexibility, r.sleep, r.stress];
		const print = scores.map((s) => (s === undefined || s === '' ? '' : String(Number(s))));
		byPatient.set(r[id]!, [...(byPatient.get(r[id]!) ?? []), print.join('|')]);
	}
	return new Map([...byPatient].map(([p, prints]) => [prints.join(';'), p]));
}

describe('the de-identified extract of the bundled sample', () => {
	it('holds only allow-listed columns, no date, no note, no patient id', () => {
		const text = decode(file(result, 'deid-extract.csv').bytes);
		const facts = expectedFacts(text, result.report, MEASURES);
		expect(facts.file.columns).toEqual([
			'patient',
			'episode',
			'session',
			'days',
			'condition',
			'technique',
			'age_band',
			'sex',
			'clinic',
			'therapist',
			'minutes',
			'pain',
			'flexibility',
			'sleep',
			'stress'
		]);
		expect(facts.unknownColumns).toEqual([]);
		expect(facts.dateLikeCells).toEqual([]);
		const ids = new Set(csv.split('\n').map((l) => l.split(',')[0]));
		expect(facts.file.rows.filter((r) => ids.has(r.patient))).toEqual([]);
		// Every note of the sample is absent, wherever it might have gone.
		const notes = csv
			.split('\n')
			.map((l) => l.split(',').slice(13).join(','))
			.filter((n) => n.trim().length > 3);
		expect(notes.length).toBeGreaterThan(10);
		expect(notes.filter((n) => text.includes(n.trim()))).toEqual([]);
	});

	it('has every combination of quasi-identifiers shared by at least k patients, as reported', () => {
		const { report } = result;
		const facts = expectedFacts(decode(file(result, 'deid-extract.csv').bytes), report, MEASURES);
		expect(facts.smallestClass).toBeGreaterThanOrEqual(5);
		expectReportedCounts(facts, report);
		expect(report.output.rows + report.suppressed.rows).toBe(report.input.sessions);
		expect(report.input).toEqual({ patients: 600, episodes: 600, sessions: 4432 });
	});

	it('reports each generalisation as the file shows it', () => {
		const { report } = result;
		const extract = readExtract(decode(file(result, 'deid-extract.csv').bytes), []);
		expect(report.generalised.map((g) => g.step)).toEqual([
			'age bands widened to 20 years (under 40, 40–59, 60–79, 80+)',
			'therapist replaced by *',
			'clinic replaced by *',
			'age band replaced by *'
		]);
		for (const g of report.generalised.slice(1)) {
			expect(extract.values(g.field)).toEqual(new Set(['*']));
			expect(g.rows).toBe(extract.rows.length);
		}
		// Each rung left fewer episodes in small classes, the last few enough to suppress.
		const left = [
			report.smallClassesAtStart,
			...report.generalised.map((g) => g.leftInSmallClasses!)
		];
		expect(left.at(-1)!).toBeLessThanOrEqual(0.05 * report.input.episodes);
		expect(left.at(-2)!).toBeGreaterThan(0.05 * report.input.episodes);
		expect(report.suppressed.episodes).toBe(left.at(-1));
	});

	it('gives random pseudonyms: another export differs, and their order is not the ids’', async () => {
		const again = await deidentify(db, { randomBytes: seededBytes(2) });
		const source = fingerprints(readExtract(csv, []).rows, 'patient_id');
		const linked = (r: DeidResult) => {
			const prints = fingerprints(
				readExtract(decode(file(r, 'deid-extract.csv').bytes), []).rows,
				'patient'
			);
			const pairs = [...prints].map(([print, pseudonym]) => [source.get(print), pseudonym]);
			return new Map(pairs.filter((p): p is [string, string] => p[0] !== undefined));
		};
		const [first, second] = [linked(result), linked(again)];
		const same = [...first].filter(([id, p]) => second.get(id) === p).length;
		expect(first.size).toBeGreaterThan(550);
		expect(same).toBeLessThan(10);
		// In id order, pseudonyms rise about as often as they fall.
		const ordered = [...first].sort(([a], [b]) => a.localeCompare(b)).map(([, p]) => p);
		const rises = ordered.filter((p, i) => i > 0 && p > ordered[i - 1]!).length;
		expect(rises / ordered.length).toBeGreaterThan(0.4);
		expect(rises / ordered.length).toBeLessThan(0.6);
		// The same secret gives the same export: only the random source makes them differ.
		const repeat = await deidentify(db, { randomBytes: seededBytes(1) });
		expect(file(repeat, 'deid-extract.csv').bytes).toEqual(file(result, 'deid-extract.csv').bytes);
	}, 60_000);

	it('leaves no work table behind: nothing links pseudonyms to patients after the export', async () => {
		const t = rowObjects<{ n: number }>(
			await db.query({
				sql: `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE 'deid%'`
			})
		);
		expect(t[0]!.n).toBe(0);
	});

	it('exports notes only when asked, with a warning', async () => {
		const withNotes = await deidentify(db, { randomBytes: seededBytes(1), includeNotes: true });
		const text = decode(file(withNotes, 'deid-extract.csv').bytes);
		expect(readExtract(text, []).columns.at(-1)).toBe('notes');
		expect(text).toContain('missed last week (flu)');
		expect(withNotes.report.warnings.join(' ')).toMatch(/may hold names, dates/);
		expect(result.report.warnings).toEqual([]);
		expect(result.report.removed.map((r) => r.column)).toContain('notes');
	}, 60_000);

	it('writes Parquet holding the same rows as the CSV', async () => {
		const parquet = await deidentify(db, { randomBytes: seededBytes(1), format: 'parquet' });
		const bytes = file(parquet, 'deid-extract.parquet').bytes;
		const rows = await parquetReadObjects({ file: bytes.slice().buffer });
		const csvRows = readExtract(decode(file(result, 'deid-extract.csv').bytes), []).rows;
		expect(rows.length).toBe(csvRows.length);
		const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
		const asCsv = rows.map((r) =>
			Object.fromEntries(Object.entries(r).map(([k, v]) => [k, text(v)]))
		);
		const plainCsv = csvRows.map((r) =>
			Object.fromEntries(
				Object.entries(r).map(([k, v]) => [k, v && /^-?\d+\.0$/.test(v) ? v.slice(0, -2) : v!])
			)
		);
		expect(asCsv).toEqual(plainCsv);
		expect(typeof rows[0]!.episode).toBe('number');
	}, 60_000);
});

describe('the aggregate table', () => {
	it('shows no cell describing fewer than 11 patients, and the summary’s numbers elsewhere', async () => {
		const table = readExtract(decode(file(result, 'deid-aggregate.csv').bytes), []).rows;
		const pain = rowObjects<Record<string, number | string | null>>(
			await db.query(
				summaryQuery({
					measure: 'pain',
					filter: NO_FILTER,
					by: ['condition', 'technique'],
					minPatients: 1
				})
			)
		);
		const painCells = table.filter((r) => r.measure === 'pain');
		expect(painCells.length).toBe(pain.length);
		for (const cell of table) {
			if (cell.patients === '') expect(cell.note).toBe('fewer than 11 patients');
			else expect(Number(cell.patients)).toBeGreaterThanOrEqual(11);
			if (cell.patients === '') expect(cell.improvement_mean).toBe('');
		}
		for (const cell of painCells.filter((c) => c.patients !== '')) {
			const s = pain.find((p) => p.condition === cell.condition && p.technique === cell.technique)!;
			expect(Number(cell.episodes)).toBe(s.n);
			expect(Number(cell.improvement_mean)).toBeCloseTo(Number(s.improvement_mean), 12);
			const responders = Number(s.responders);
			const shareShown = cell.responder_rate !== '';
			expect(shareShown).toBe(Math.min(responders, Number(s.n) - responders) >= 11);
		}
		expect(result.report.aggregate).toEqual({
			cells: table.length,
			suppressedCells: table.filter((r) => r.patients === '').length,
			minPatients: 11
		});
	});
});

describe('options', () => {
	it('refuses k below 2 and unknown quasi-identifiers, in plain words', async () => {
		await expect(deidentify(db, { k: 1 })).rejects.toThrow(DeidOptionsError);
		await expect(deidentify(db, { quasi: ['postcode' as never] })).rejects.toThrow(
			/Not a quasi-identifier: postcode/
		);
	});
});

describe('a patient with several episodes', () => {
	it('is in the class of their whole record: two conditions together are a combination', async () => {
		// Five patients with neck pain, five with low back pain, one with both: each episode's
		// condition is shared by 6 patients, but only one patient had both.
		const header = 'patient_id,clinic,condition,technique,session_date,pain';
		const rows = [
			...Array.from({ length: 5 }, (_, i) => `n${i},North,Neck pain,Swedish,2024-01-0${i + 1},5`),
			...Array.from(
				{ length: 5 },
				(_, i) => `b${i},North,Low back pain,Swedish,2024-01-0${i + 1},5`
			),
			'both,North,Neck pain,Swedish,2024-01-01,6',
			'both,North,Low back pain,Swedish,2024-09-01,6'
		];
		const { db: several } = await dbWithCsv([header, ...rows].join('\n'));
		try {
			const exported = await deidentify(several, {
				quasi: ['condition'],
				randomBytes: seededBytes(5)
			});
			const { report } = exported;
			expect(report.input).toMatchObject({ patients: 11, episodes: 12 });
			expect(report.suppressed).toMatchObject({ patients: 1, episodes: 2 });
			expect(report.output).toMatchObject({ patients: 10, classes: 2 });
			expect(report.kReached).toBe(5);
			const facts = expectedFacts(decode(file(exported, 'deid-extract.csv').bytes), report, [
				'pain'
			]);
			expect(facts.smallestClass).toBe(5);
			expectReportedCounts(facts, report);
		} finally {
			await several.close();
		}
	}, 60_000);
});

describe('hostile labels', () => {
	it('reach Parquet verbatim and CSV with formulas neutralised', async () => {
		const rows = Array.from({ length: 6 }, (_, i) =>
			[`id${i}`, '\ufeffNorth', '=SUM(A1)', 'Neck pain', 'Swedish', `2024-0${i + 1}-01`, 5].join(
				','
			)
		);
		const header = 'patient_id,clinic,therapist,condition,technique,session_date,pain';
		const { db: hostile } = await dbWithCsv([header, ...rows].join('\n'));
		try {
			const options = { quasi: [], randomBytes: seededBytes(3) };
			const parquet = await deidentify(hostile, { ...options, format: 'parquet' });
			const bytes = file(parquet, 'deid-extract.parquet').bytes;
			const [first] = await parquetReadObjects({ file: bytes.slice().buffer });
			expect(first!.therapist).toBe('=SUM(A1)');
			// hyparquet's reader drops a leading U+FEFF, so look for the bytes themselves (the
			// column's min/max statistics hold them uncompressed).
			const withMark = new TextEncoder().encode('\ufeffNorth');
			const at = bytes.findIndex((_, i) => withMark.every((b, j) => bytes[i + j] === b));
			expect(at).toBeGreaterThan(0);
			const csvText = decode(file(await deidentify(hostile, options), 'deid-extract.csv').bytes);
			expect(csvText).toContain(",'=SUM(A1),");
			expect(csvText).toContain(',\ufeffNorth,');
		} finally {
			await hostile.close();
		}
	}, 60_000);
});
