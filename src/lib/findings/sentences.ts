import { shortUnit, type Measure } from '../measures/registry';
import type { SummaryRow } from '../stats/summary';

/** What a sentence reads of a condition × technique cell (summaryQuery by both). */
export type Cell = { condition: string; technique: string } & Pick<
	SummaryRow,
	'n' | 'patients' | 'suppressed' | 'improvement_mean' | 'ci_low' | 'ci_high' | 'responder_rate'
>;

export interface Finding {
	condition: string;
	/** The technique the sentence is about, if any cell was large enough. */
	technique: string | null;
	text: string;
}

const one = (x: number) => Math.abs(x).toFixed(1);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "pain down 1.8 points" / "flexibility up 4.0 % of normal" — in the measure's own direction. */
function changeWords(m: Measure, improvement: number): string {
	const lowerIsBetter = m.better === 'lower';
	const down = improvement > 0 === lowerIsBetter;
	return `${m.label.toLowerCase()} ${down ? 'down' : 'up'} ${one(improvement)} ${shortUnit(m)}`;
}

function responderWords(cell: Cell, m: Measure, threshold: number | null): string {
	if (cell.responder_rate === null) {
		return `no validated MCID for ${m.label.toLowerCase()}: set a threshold to count responders`;
	}
	const how =
		threshold !== null
			? `at least ${threshold} ${shortUnit(m)} (your threshold)`
			: 'a clinically important amount';
	return `${Math.round(cell.responder_rate * 100)} % of ${plural(cell.n, 'episode')} improved by ${how}`;
}

/** Cells with an estimate and an interval: what a sentence may speak of. */
const estimated = (cells: readonly Cell[]) =>
	cells.filter((c) => !c.suppressed && c.ci_low !== null && c.improvement_mean !== null);

const signed = (x: number) => (x < 0 ? `−${one(x)}` : one(x));

/**
 * A cell in words, with its interval in the sentence's own terms ("down 1.8 (1.2 to 2.4)",
 * "up 0.3 (−0.2 to 0.8)"), n and the responder share; says so when no change is possible.
 */
function cellSentence(c: Cell, measure: Measure, threshold: number | null): string {
	const flip = c.improvement_mean! < 0 ? -1 : 1;
	const ends = [c.ci_low! * flip, c.ci_high! * flip];
	const lo = Math.min(...ends);
	const hi = Math.max(...ends);
	const noChange = lo <= 0 && hi >= 0 ? ', which includes no change' : '';
	const interval = `(95 % CI ${signed(lo)} to ${signed(hi)}${noChange})`;
	return `${c.condition}, ${c.technique}: ${changeWords(measure, c.improvement_mean!)} on average ${interval}; ${responderWords(c, measure, threshold)}.`;
}

/**
 * One plain sentence per condition about its best-measured technique, carrying the uncertainty:
 * the interval, n, the responder share, and whether the data can tell it from no change or from
 * the runner-up. Never more certain than the numbers: overlapping intervals are said to be so.
 */
export function conditionFindings(
	cells: readonly Cell[],
	measure: Measure,
	threshold: number | null = null
): Finding[] {
	const conditions = [...new Set(cells.map((c) => c.condition))];
	return conditions.map((condition) => {
		const ranked = estimated(cells.filter((c) => c.condition === condition)).sort(
			(a, b) => b.improvement_mean! - a.improvement_mean!
		);
		const [best, next] = ranked;
		if (!best) {
			return {
				condition,
				technique: null,
				text: `${condition}: too few patients per technique to say what works.`
			};
		}
		let text = cellSentence(best, measure, threshold);
		if (next && next.ci_high! >= best.ci_low!) {
			text += ` Its interval overlaps that of ${next.technique} (${signed(next.improvement_mean!)} on average), so these data do not show which of the two is better.`;
		}
		return { condition, technique: best.technique, text };
	});
}

/**
 * The strongest and the weakest condition × technique pairs, for a director's summary: by mean
 * improvement among the cells large enough to speak of, each in cellSentence's words, the
 * weakest saying whether its interval reaches the strongest's. Null when no cell can be said.
 */
export function extremePairs(
	cells: readonly Cell[],
	measure: Measure,
	threshold: number | null = null
): { strongest: string; weakest: string | null } | null {
	const ranked = estimated(cells).sort((a, b) => b.improvement_mean! - a.improvement_mean!);
	const best = ranked[0];
	const worst = ranked.at(-1);
	if (!best) return null;
	const strongest = `Strongest: ${cellSentence(best, measure, threshold)}`;
	if (!worst || worst === best) return { strongest, weakest: null };
	const apart =
		worst.ci_high! < best.ci_low!
			? 'Its interval lies below the strongest’s.'
			: 'Its interval overlaps the strongest’s: these data do not show the two differ.';
	return { strongest, weakest: `Weakest: ${cellSentence(worst, measure, threshold)} ${apart}` };
}
