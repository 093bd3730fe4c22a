import type { QuasiField } from './quasi-identifiers';

export interface DeidCounts {
	patients: number;
	episodes: number;
	sessions: number;
}

/** What a de-identified export removed, generalised and suppressed, and the k it reached. */
export interface DeidReport {
	k: number;
	/** The smallest class, in distinct patients, among the episodes exported (null: none left). */
	kReached: number | null;
	quasiIdentifiers: QuasiField[];
	maxSuppressedShare: number;
	input: DeidCounts;
	output: DeidCounts & { rows: number; classes: number };
	/** In one line: columns removed, values generalised (cells changed, summed over the steps), rows suppressed. */
	counts: { removed: number; generalised: number; suppressed: number };
	/** Columns of the dataset (and, given the source's columns, of the files) not exported. */
	removed: { column: string; reason: string }[];
	/** Episodes in classes of fewer than k patients before any generalisation. */
	smallClassesAtStart: number;
	/**
	 * Each generalisation applied, in order: exported rows and episodes whose value it changed, and
	 * the episodes (of all) still in classes of fewer than k patients after it.
	 */
	generalised: {
		field: QuasiField;
		step: string;
		rows: number;
		episodes: number;
		leftInSmallClasses: number | null;
	}[];
	/** Episodes dropped for being in classes of fewer than k patients, and what went with them. */
	suppressed: DeidCounts & { rows: number };
	/** The aggregate table, when asked for: cells, and cells whose numbers were withheld. */
	aggregate: { cells: number; suppressedCells: number; minPatients: number } | null;
	warnings: string[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const count = (c: DeidCounts) =>
	`${plural(c.patients, 'patient')}, ${plural(c.episodes, 'episode')}, ${plural(c.sessions, 'session')}`;

/** The report in plain sentences (the command line's output, the report's .txt file). */
export function reportText(r: DeidReport): string {
	const quasi = r.quasiIdentifiers.join(', ') || 'none';
	return [
		`De-identified export: ${r.output.rows} rows (${count(r.output)}) of ${count(r.input)}.`,
		r.kReached === null
			? `k-anonymity: no episode could be kept with k = ${r.k} on ${quasi}.`
			: `k-anonymity: every patient's combination of ${quasi}, over all their episodes, is shared by at least ${r.kReached} patients (k = ${r.k} asked; ${plural(r.output.classes, 'combination')}).`,
		'Removed:',
		...r.removed.map((c) => `  ${c.column}: ${c.reason}`),
		`Generalised (${plural(r.smallClassesAtStart, 'episode')} in combinations of fewer than ${r.k} patients at first):`,
		...r.generalised.map(
			(g) =>
				`  ${g.step}: ${plural(g.rows, 'row')} (${plural(g.episodes, 'episode')}) changed` +
				(g.leftInSmallClasses === null
					? ''
					: `; then ${plural(g.leftInSmallClasses, 'episode')} in combinations of fewer than ${r.k} patients`)
		),
		`Suppressed: ${plural(r.suppressed.rows, 'row')} — ${plural(r.suppressed.episodes, 'episode')} in combinations of fewer than ${r.k} patients (${plural(r.suppressed.patients, 'patient')} left out entirely).`,
		...(r.aggregate
			? [
					`Aggregate table: ${plural(r.aggregate.cells, 'cell')}, ${r.aggregate.suppressedCells} with fewer than ${r.aggregate.minPatients} patients shown without numbers.`
				]
			: []),
		...r.warnings.map((w) => `Warning: ${w}`)
	].join('\n');
}
