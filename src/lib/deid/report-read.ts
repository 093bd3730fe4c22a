import type { LocalEngine } from '../engine/engine';
import { rowObjects } from '../engine/rows';
import type { ExtractShape } from './extract-sql';
import type { DeidOptions } from './options';
import { ANY, type LadderStep } from './quasi-identifiers';
import { removedColumns } from './removed';
import type { DeidReport } from './report';
import { countsQuery, generalisedQuery } from './report-sql';

const NOTES_WARNING =
	'The notes column is free text, exported verbatim on request: it may hold names, dates and other identifiers. Read it before sharing.';

/** The report of the export just made, counted from its work tables (before they are dropped). */
export async function readReport(
	db: LocalEngine,
	o: DeidOptions,
	shape: ExtractShape,
	ladder: { climbed: readonly LadderStep[]; small: readonly number[] },
	aggregate: DeidReport['aggregate']
): Promise<DeidReport> {
	const [c] = rowObjects<Record<string, number>>(await db.query(countsQuery(o.quasi)));
	const [g] = rowObjects<Record<string, number>>(await db.query(generalisedQuery(ladder.climbed)));
	const steps = [
		{ field: 'age_band' as const, step: `age bands outside the standard bands replaced by ${ANY}` },
		...ladder.climbed.map((s) => ({ field: s.field, step: s.says }))
	];
	const generalised = steps
		.map((s, i) => ({
			...s,
			rows: g![`rows_${i}`]!,
			episodes: g![`episodes_${i}`]!,
			// The episodes then still in classes of fewer than k patients (the ladder's reason to go on).
			leftInSmallClasses: i > 0 ? ladder.small[i]! : null
		}))
		.filter((s, i) => i > 0 || s.rows > 0);
	const input = { patients: c!.patients!, episodes: c!.episodes!, sessions: c!.sessions! };
	const output = {
		patients: c!.kept_patients!,
		episodes: c!.kept_episodes!,
		sessions: c!.kept_sessions!
	};
	const removed = removedColumns(shape, o.sourceColumns);
	const suppressedRows = input.sessions - output.sessions;
	return {
		k: o.k,
		kReached: c!.k_reached ?? null,
		quasiIdentifiers: [...o.quasi],
		maxSuppressedShare: o.maxSuppressedShare,
		input,
		output: { ...output, rows: output.sessions, classes: c!.classes! },
		smallClassesAtStart: ladder.small[0]!,
		counts: {
			removed: removed.length,
			generalised: generalised.reduce((n, g) => n + g.rows, 0),
			suppressed: suppressedRows
		},
		removed,
		generalised,
		suppressed: {
			patients: input.patients - output.patients,
			episodes: input.episodes - output.episodes,
			sessions: suppressedRows,
			rows: suppressedRows
		},
		aggregate,
		warnings: o.includeNotes ? [NOTES_WARNING] : []
	};
}
