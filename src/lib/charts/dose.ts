/** Mean improvement in one band of a dose (session length or sessions attended). */
export interface DoseBand {
	/** What a selection filters on: 15/30/45/60 minutes, or a number of sessions. */
	value: number;
	/** How the band reads on the axis: "30 min", "4 sessions". */
	label: string;
	/** Episodes of care included. */
	n: number;
	patients: number;
	/** Too few patients: mean and interval are null. */
	suppressed: boolean;
	mean: number | null;
	lo: number | null;
	hi: number | null;
}

/** The value axis: every interval and zero inside. */
export function doseDomain(bands: readonly DoseBand[]): [number, number] {
	const ends = bands.flatMap((b) => [b.lo, b.hi, b.mean]).filter((v): v is number => v !== null);
	const lo = Math.min(0, ...ends);
	const hi = Math.max(0, ...ends);
	return lo === hi ? [-1, 1] : [lo, hi];
}
