import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { COLUMNS, HEADER, csvField, csvLines, patients, type Patient } from './generate';
import { AGE_BANDS, CONDITIONS, TECHNIQUES } from './model';

const SEED = 20261125;
const all = [...patients(SEED, 600)];
const rows = all.flatMap((p) => p.sessions);
const completers = all.filter((p) => !p.dropout);

type Measure = 'pain' | 'flexibility' | 'sleep' | 'stress';
// Baseline = first session, last = last non-missing later value (shared/domain.md).
function change(p: Patient, m: Measure): number | null {
	const [first, ...later] = p.sessions.map((s) => s[m]);
	const last = later.filter((v) => v !== null).at(-1);
	return first == null || last === undefined ? null : last - first;
}
function changes(ps: Patient[], m: Measure): number[] {
	return ps.map((p) => change(p, m)).filter((v) => v !== null);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) =>
	Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));

// Minimal RFC 4180 reader, to check the writer's quoting independently.
function parseCsv(text: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted && ch === '"' && text[i + 1] === '"') {
			field += '"';
			i++;
		} else if (ch === '"') quoted = !quoted;
		else if (!quoted && ch === ',') {
			record.push(field);
			field = '';
		} else if (!quoted && ch === '\n') {
			records.push([...record, field]);
			record = [];
			field = '';
		} else field += ch;
	}
	return records;
}

describe('sample-data generator', () => {
	it('is deterministic for a seed and differs between seeds', () => {
		const text = (seed: number) => [...csvLines(seed, 50)].join('\n');
		expect(text(SEED)).toBe(text(SEED));
		expect(text(SEED + 1)).not.toBe(text(SEED));
	});

	it('writes exactly the header of the contract in docs/data-model.md', () => {
		const doc = readFileSync(new URL('../../docs/data-model.md', import.meta.url), 'utf8');
		expect(doc.split('\n')).toContain(HEADER);
		expect(csvLines(SEED, 1).next().value).toBe(HEADER);
	});

	it('quotes fields so that an RFC 4180 reader gets the values back', () => {
		const records = parseCsv([...csvLines(SEED, 600)].join('\n') + '\n');
		expect(records.length).toBe(rows.length + 1);
		const fields = rows.map((r) => COLUMNS.map((c) => (r[c] === null ? '' : String(r[c]))));
		expect(records.slice(1)).toEqual(fields);
		expect(rows.some((r) => r.notes.includes('"') && r.notes.includes(','))).toBe(true);
		expect(csvField('a "b", c')).toBe('"a ""b"", c"');
		expect(csvField('x\ny')).toBe('"x\ny"');
	});

	it('stops at maxRows, even mid-patient', () => {
		expect([...csvLines(SEED, Infinity, 1234)].length).toBe(1235);
	});

	it('has the expected clinics, therapists, conditions, techniques and courses', () => {
		expect(all.length).toBe(600);
		expect(new Set(rows.map((r) => r.clinic)).size).toBe(3);
		const therapists = new Set(rows.map((r) => `${r.clinic}|${r.therapist}`));
		expect(therapists.size).toBe(15);
		expect(new Set(rows.map((r) => r.therapist)).size).toBe(15);
		expect(new Set(rows.map((r) => r.condition))).toEqual(new Set(CONDITIONS));
		expect(new Set(rows.map((r) => r.technique))).toEqual(new Set(TECHNIQUES));
		for (const p of all) {
			expect(p.planned).toBeGreaterThanOrEqual(4);
			expect(p.planned).toBeLessThanOrEqual(12);
			if (p.dropout) expect(p.sessions.length).toBeLessThan(p.planned);
			else expect(p.sessions.length).toBe(p.planned);
			expect(p.sessions.length).toBeGreaterThanOrEqual(1);
		}
		const dropout = all.filter((p) => p.dropout).length / all.length;
		expect(dropout).toBeGreaterThanOrEqual(0.12);
		expect(dropout).toBeLessThanOrEqual(0.24);
	});

	it('keeps every value within its range', () => {
		const inRange = (v: number | null, max: number) =>
			v === null || (Number.isInteger(v) && v >= 0 && v <= max);
		for (const r of rows) {
			expect(inRange(r.pain, 10) && inRange(r.sleep, 10) && inRange(r.stress, 10)).toBe(true);
			expect(inRange(r.flexibility, 100)).toBe(true);
			expect([15, 30, 45, 60]).toContain(r.minutes);
			expect(AGE_BANDS).toContain(r.age_band);
			expect(r.session_date >= '2024-01-01' && r.session_date <= '2026-06-30').toBe(true);
			if (r.condition === 'Pregnancy') expect(r.sex === 'F' && r.age_band < '50').toBe(true);
		}
		const gaps: number[] = [];
		for (const p of all) {
			const days = p.sessions.map((s) => Date.parse(s.session_date) / 86_400_000);
			days.forEach((d, i) => i > 0 && gaps.push(d - (days[i - 1] ?? NaN)));
		}
		expect(Math.min(...gaps)).toBe(5);
		expect(Math.max(...gaps)).toBe(10);
		const emptyPain = rows.filter((r) => r.pain === null).length / rows.length;
		expect(emptyPain).toBeGreaterThan(0.01);
		expect(emptyPain).toBeLessThan(0.06);
	});

	it('is calibrated to the literature', () => {
		const matched = changes(
			completers.filter((p) => p.matched),
			'pain'
		);
		const weak = changes(
			completers.filter((p) => !p.matched),
			'pain'
		);
		expect(mean(matched)).toBeGreaterThan(-2.8);
		expect(mean(matched)).toBeLessThan(-1.3);
		expect(mean(weak)).toBeGreaterThan(-0.9);
		expect(mean(weak)).toBeLessThan(-0.1);
		for (const xs of [matched, weak]) {
			expect(sd(xs)).toBeGreaterThan(1.1);
			expect(sd(xs)).toBeLessThan(2.0);
		}
		const byMinutes = (m: number) =>
			mean(
				changes(
					completers.filter((p) => p.minutes === m),
					'pain'
				)
			);
		expect(byMinutes(60)).toBeLessThan(byMinutes(15));
		// Standardized response mean, signed so that positive = better.
		const srm = (m: Measure, sign: number) => {
			const xs = changes(completers, m).map((x) => sign * x);
			return mean(xs) / sd(xs);
		};
		const pain = srm('pain', -1);
		expect(pain).toBeGreaterThan(0);
		expect(srm('sleep', 1)).toBeGreaterThan(0);
		expect(srm('sleep', 1)).toBeLessThan(pain);
		expect(srm('stress', -1)).toBeGreaterThan(0);
		expect(srm('stress', -1)).toBeLessThan(pain);
	});
});
