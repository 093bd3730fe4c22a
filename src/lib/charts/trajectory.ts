/** A patient's scores along the axis: one line of a trajectory chart or a sparkline. */
export interface TrajectoryPoint {
	x: number;
	value: number;
}
export interface TrajectorySeries {
	name: string;
	points: readonly TrajectoryPoint[];
}
/** What similar episodes scored at one point (stats/expected-band.ts). */
export interface BandPoint {
	x: number;
	n: number;
	patients: number;
	suppressed: boolean;
	q25: number | null;
	median: number | null;
	q75: number | null;
}

/** Rows of episode, x, value (in episode order) as one series per episode, named by `name`. */
export function seriesByEpisode(
	rows: readonly { episode: number; x: number; value: number }[],
	name: (episode: number) => string
): TrajectorySeries[] {
	const lines = new Map<number, TrajectoryPoint[]>();
	for (const r of rows) lines.set(r.episode, [...(lines.get(r.episode) ?? []), r]);
	return [...lines].map(([episode, points]) => ({ name: name(episode), points }));
}

/**
 * x and y extents of what is drawn (every series' scores, the band's quartiles), y padded by a
 * tenth and kept within the measure's scale when it has one: scores cannot leave it.
 */
export function trajectoryDomains(
	series: readonly TrajectorySeries[],
	band: readonly BandPoint[],
	scale: [number, number] | null
): { x: [number, number]; y: [number, number] } {
	const xs = [...series.flatMap((s) => s.points.map((p) => p.x)), ...band.map((b) => b.x)];
	const ys = [
		...series.flatMap((s) => s.points.map((p) => p.value)),
		...band.flatMap((b) => [b.q25, b.q75].filter((v): v is number => v !== null))
	];
	if (!xs.length || !ys.length) return { x: [1, 2], y: scale ?? [0, 1] };
	const [low, high] = [Math.min(...ys), Math.max(...ys)];
	const pad = Math.max((high - low) / 10, 0.5);
	const y: [number, number] = [low - pad, high + pad];
	if (scale) [y[0], y[1]] = [Math.max(y[0], scale[0]), Math.min(y[1], scale[1])];
	return { x: [Math.min(...xs), Math.max(Math.max(...xs), Math.min(...xs) + 1)], y };
}

/** A sparkline's words: where the scores started and ended, over how many sessions. */
export function sparklineText(label: string, points: readonly TrajectoryPoint[]): string {
	const first = points[0];
	const last = points.at(-1);
	if (!first || !last) return `${label}: no score`;
	if (points.length === 1) return `${label}: ${first.value} (one score)`;
	return `${label}: ${first.value} → ${last.value} over ${points.length} scores`;
}
