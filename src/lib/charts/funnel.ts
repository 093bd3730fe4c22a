/** One clinic's or therapist's row of providerComparisonQuery (stats/provider-comparison.ts). */
export interface ProviderRow {
	provider: string | null;
	/** Episodes of care within the filter, and the distinct patients behind them. */
	n: number;
	patients: number;
	/** Too few patients: every statistic below is null. */
	suppressed: boolean;
	observed_mean: number | null;
	expected_mean: number | null;
	/** Observed − expected mean improvement, with its 95 % t-interval. */
	difference: number | null;
	ci_low: number | null;
	ci_high: number | null;
	/** σ/√n and the funnel's limits at this n: ±1.96 and ±3 of it. */
	se: number | null;
	limit_95: number | null;
	limit_998: number | null;
	z: number | null;
	baseline_mean: number | null;
	sessions_mean: number | null;
	/** The model's episodes, rank and residual SD (the same on every row). */
	model_n: number;
	model_rank: number;
	sigma: number | null;
}

export const providerName = (r: { provider: string | null }) => r.provider ?? '(not recorded)';

export type FunnelZone = 'within' | 'beyond 95 %' | 'beyond 99.8 %';

/** Where a provider sits in the funnel: outside ±3 SE is what a funnel plot flags. */
export function funnelZone(r: ProviderRow): FunnelZone | null {
	if (r.z === null) return null;
	const z = Math.abs(r.z);
	return z > 3 ? 'beyond 99.8 %' : z > 1.959963984540054 ? 'beyond 95 %' : 'within';
}

/**
 * One control limit of the funnel, +z × σ/√n (its mirror is −), as points from the n where it
 * enters the plot (|limit| = `reach`, the difference axis's end) to `maxN`, denser where it bends
 * (small n). At each provider's n it is the SQL's limit_95 / limit_998 (the tests check): a curve
 * through them, not a statistic of its own.
 */
export function funnelCurve(
	sigma: number,
	z: number,
	reach: number,
	maxN: number,
	steps = 48
): { n: number; limit: number }[] {
	const from = Math.max(1, ((z * sigma) / reach) ** 2);
	if (!(sigma > 0) || from >= maxN) return [];
	const [a, b] = [Math.sqrt(from), Math.sqrt(maxN)];
	return Array.from({ length: steps + 1 }, (_, i) => {
		const n = (a + ((b - a) * i) / steps) ** 2;
		return { n, limit: (z * sigma) / Math.sqrt(n) };
	});
}

/** The funnel's axes: n from 0 past the largest caseload; the difference axis holds every point
 * and the 95 % limits at the smallest caseload shown (the 99.8 % ones would flatten the rest). */
export function funnelDomains(rows: readonly ProviderRow[]) {
	const shown = rows.filter((r) => r.difference !== null);
	const maxN = Math.max(1, ...rows.map((r) => r.n));
	const ends = shown.flatMap((r) => [r.difference!, r.limit_95 ?? 0, -(r.limit_95 ?? 0)]);
	const reach = Math.max(0.5, ...ends.map(Math.abs));
	return {
		n: [0, maxN * 1.08] as [number, number],
		difference: [-reach, reach] as [number, number]
	};
}

export type LabelSide = 'right' | 'above' | 'below';

/**
 * Where each point's name goes so that names of nearby points do not print over each other:
 * beside the point, unless a name already placed there would overlap it (each name `width` long
 * and `height` high, in the axes' units), then above, then below; null when all three are taken,
 * and the name is left off (the point keeps it in its tooltip and the table lists it: a name
 * printed over another is read as neither). Points in order of n, names placed greedily: enough
 * for the dozens of clinics or therapists a funnel shows.
 */
export function labelSides(
	points: readonly { n: number; difference: number; width: number }[],
	height: number
): (LabelSide | null)[] {
	const placed: { n: number; y: number; width: number }[] = [];
	const order = points.map((_, i) => i).sort((a, b) => points[a]!.n - points[b]!.n);
	const sides: (LabelSide | null)[] = Array<LabelSide | null>(points.length).fill(null);
	// A name moved up or down clears the one beside the point by a fifth of a label's height.
	const shift = { right: 0, above: 1.2 * height, below: -1.2 * height };
	for (const i of order) {
		const p = points[i]!;
		// Placed in order of n: an earlier name reaches this one if it is longer than their gap.
		const free = (side: LabelSide) =>
			placed.every(
				(q) => p.n - q.n >= q.width || Math.abs(q.y - (p.difference + shift[side])) >= height
			);
		const side = (['right', 'above', 'below'] as const).find(free) ?? null;
		sides[i] = side;
		if (side) placed.push({ n: p.n, y: p.difference + shift[side], width: p.width });
	}
	return sides;
}
