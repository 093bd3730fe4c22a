import { csvParse } from 'd3-dsv';
import { expect } from 'vitest';
import { randomLcg } from 'd3-random';
import type { DeidReport } from './report';

/** A seeded stand-in for crypto.getRandomValues: the same seed, the same pseudonyms. */
export function seededBytes(seed: number): (n: number) => Uint8Array {
	const next = randomLcg(seed);
	return (n) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256));
}

export const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A date in any common form: ISO, day or month first. */
export const DATE_LIKE = /\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}/;
/** A year of this era, looked for in text columns (a number such as days may be 2019). */
const YEAR = /\b(19|20)\d{2}\b/;
const TEXT = ['patient', 'condition', 'technique', 'age_band', 'sex', 'clinic', 'therapist'];

/** Columns an extract may hold besides its measures' scores (docs/deid.md, the allow-list). */
export const ALLOWED = [
	'patient',
	'episode',
	'session',
	'days',
	'visit',
	'condition',
	'technique',
	'age_band',
	'sex',
	'clinic',
	'therapist',
	'minutes'
];

/**
 * An independent reading of an exported CSV against its report, in plain JS: the smallest
 * number of distinct patients sharing a record — the set of combinations of the
 * quasi-identifiers over all of a patient's rows, as the pseudonym links them — rows, patients,
 * episodes, and the values seen per column.
 */
export function readExtract(csv: string, quasi: readonly string[]) {
	const rows = csvParse(csv.replace(/^\ufeff/, ''));
	const combinations = new Map<string, Set<string>>();
	for (const r of rows) {
		const combination = JSON.stringify(quasi.map((q) => r[q]));
		combinations.set(r.patient!, (combinations.get(r.patient!) ?? new Set()).add(combination));
	}
	const classes = new Map<string, number>();
	for (const set of combinations.values()) {
		const record = JSON.stringify([...set].sort());
		classes.set(record, (classes.get(record) ?? 0) + 1);
	}
	const sizes = [...classes.values()];
	return {
		columns: rows.columns,
		rows,
		patients: new Set(rows.map((r) => r.patient)).size,
		episodes: new Set(rows.map((r) => `${r.patient}#${r.episode}`)).size,
		classes: classes.size,
		smallestClass: sizes.length ? Math.min(...sizes) : null,
		values: (column: string) => new Set(rows.map((r) => r[column]))
	};
}

/** Every property the "done" asks of an extract, checked on the file and its report. */
export function expectedFacts(csv: string, report: DeidReport, measures: readonly string[]) {
	const file = readExtract(csv, report.quasiIdentifiers);
	const dated = (column: string, v: string | undefined) =>
		v !== undefined && (DATE_LIKE.test(v) || (TEXT.includes(column) && YEAR.test(v)));
	return {
		unknownColumns: file.columns.filter((c) => !ALLOWED.includes(c) && !measures.includes(c)),
		dateLikeCells: file.rows.flatMap((r) =>
			Object.entries(r).filter(([c, v]) => c !== 'notes' && dated(c, v))
		),
		smallestClass: file.smallestClass,
		counts: {
			rows: file.rows.length,
			patients: file.patients,
			episodes: file.episodes,
			classes: file.classes
		},
		file
	};
}

/** The extract holds exactly what its report says: its counts, and the k it reached. */
export function expectReportedCounts(facts: ReturnType<typeof expectedFacts>, report: DeidReport) {
	expect(report.kReached).toBe(facts.smallestClass);
	expect(facts.counts).toEqual({
		rows: report.output.rows,
		patients: report.output.patients,
		episodes: report.output.episodes,
		classes: report.output.classes
	});
}
