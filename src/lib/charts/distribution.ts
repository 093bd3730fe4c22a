/** One histogram bin of individual improvement (distributionQuery). */
export interface HistogramBin {
	x0: number;
	x1: number;
	/** Episodes of care whose improvement falls in [x0, x1). */
	count: number;
}

/** The x extent: every bin, zero (no change) and the responder line, so the line is on the chart. */
export function distributionDomain(
	bins: readonly HistogramBin[],
	line: number | null
): [number, number] {
	const ends = [0, ...bins.flatMap((b) => [b.x0, b.x1]), ...(line === null ? [] : [line])];
	const lo = Math.min(...ends);
	const hi = Math.max(...ends);
	return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}
