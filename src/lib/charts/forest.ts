/** One technique's estimate within a condition (adjustedMeansQuery, raw or adjusted columns). */
export interface ForestRow {
	technique: string;
	/** Episodes of care included. */
	n: number;
	patients: number;
	/** Too few patients: mean and interval are null. */
	suppressed: boolean;
	mean: number | null;
	lo: number | null;
	hi: number | null;
}

export type ForestMode = 'raw' | 'adjusted';

/** Best estimate on top; suppressed rows (no estimate) at the bottom, by name. */
export function forestOrder(rows: readonly ForestRow[]): ForestRow[] {
	const key = (r: ForestRow) => (r.suppressed || r.mean === null ? -Infinity : r.mean);
	return [...rows].sort((a, b) => key(b) - key(a) || a.technique.localeCompare(b.technique));
}

/** The value axis: every interval and zero (no change) inside, so the zero line is always drawn. */
export function forestDomain(rows: readonly ForestRow[]): [number, number] {
	const ends = rows.flatMap((r) => [r.lo, r.hi, r.mean]).filter((v): v is number => v !== null);
	const lo = Math.min(0, ...ends);
	const hi = Math.max(0, ...ends);
	return lo === hi ? [-1, 1] : [lo, hi];
}

export const forestWording = (mode: ForestMode) =>
	mode === 'adjusted'
		? {
				statistic: 'adjusted mean improvement',
				axis: 'Baseline-adjusted mean improvement',
				method:
					'least-squares means from improvement ~ technique + baseline (ANCOVA), at the condition’s mean baseline'
			}
		: {
				statistic: 'mean improvement',
				axis: 'Mean improvement',
				method: 'raw means, not adjusted for baseline'
			};
