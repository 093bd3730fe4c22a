/** Data and layout rules of TrendSmallMultiples, kept apart so they can be tested plainly. */
export interface TrendPanelPoint {
	time: number;
	/** Episodes of care observed at this point. */
	n: number;
	patients: number;
	/** Too few patients: mean and interval are null, and the point is not drawn. */
	suppressed: boolean;
	mean: number | null;
	lo: number | null;
	hi: number | null;
}
export interface TrendPanelSeries {
	name: string;
	points: readonly TrendPanelPoint[];
}
export interface TrendPanelData {
	/** The facet ('' when there is one panel and no facet). */
	title: string;
	series: readonly TrendPanelSeries[];
}

export const isDrawn = (p: TrendPanelPoint) => !p.suppressed && p.mean !== null;
const size = (s: TrendPanelSeries) => s.points.reduce((t, p) => t + (isDrawn(p) ? p.n : 0), 0);

/**
 * The one series in a panel that gets a confidence band: the highlighted one if the panel draws
 * it, else the largest (most episodes over its drawn points; the first on ties). Never several:
 * overlapping translucent bands cannot be read.
 */
export function bandSeries(panel: TrendPanelData, highlight: string | null): string | null {
	const drawn = panel.series.filter((s) => s.points.some(isDrawn));
	if (highlight !== null && drawn.some((s) => s.name === highlight)) return highlight;
	let best: TrendPanelSeries | null = null;
	for (const s of drawn) if (!best || size(s) > size(best)) best = s;
	return best?.name ?? null;
}

/**
 * y extent shared by every panel, from what is drawn: the means, and the intervals of the banded
 * series; paired change always shows zero (no change).
 */
export function sharedYDomain(
	panels: readonly TrendPanelData[],
	highlight: string | null,
	kind: 'paired' | 'raw'
): [number, number] {
	const values: number[] = kind === 'paired' ? [0] : [];
	for (const panel of panels) {
		const banded = bandSeries(panel, highlight);
		for (const s of panel.series)
			for (const p of s.points.filter(isDrawn)) {
				values.push(p.mean!);
				if (s.name === banded) values.push(...[p.lo, p.hi].filter((v): v is number => v !== null));
			}
	}
	if (!values.length) return [0, 1];
	const lo = Math.min(...values);
	const hi = Math.max(...values);
	return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

export function sharedXDomain(panels: readonly TrendPanelData[]): [number, number] {
	const times = panels.flatMap((p) => p.series.flatMap((s) => s.points.map((q) => q.time)));
	if (!times.length) return [0, 1];
	const first = Math.min(...times);
	return [first, Math.max(first + 1, ...times)];
}

/** Series drawn anywhere (at least one point with a value), in order of first appearance. */
export const drawnSeries = (panels: readonly TrendPanelData[]) => [
	...new Set(
		panels.flatMap((p) => p.series.filter((s) => s.points.some(isDrawn)).map((s) => s.name))
	)
];

/** Panels in a grid of columns at least `minWidth` wide. */
export function panelGrid(count: number, width: number, minWidth = 300) {
	const columns = Math.max(1, Math.min(count, Math.floor(width / minWidth)));
	return { columns, rows: Math.ceil(count / columns), panelWidth: width / columns };
}

export interface TrendTableRow extends TrendPanelPoint {
	panel: string;
	series: string;
}

export const trendTableRows = (panels: readonly TrendPanelData[]): TrendTableRow[] =>
	panels.flatMap((panel) =>
		panel.series.flatMap((s) => s.points.map((p) => ({ ...p, panel: panel.title, series: s.name })))
	);

/** An end-of-line label at its point, in pixels. */
export interface EndLabel {
	x: number;
	y: number;
}

/**
 * Vertical nudges (px) that keep end-of-line labels ("n 12") from printing over each other or
 * over `fixed` text (a reference line's label): labels closer than `width` across and `gap` up
 * or down are pushed down, top first, until they clear everything already placed. A label
 * alone keeps its place (0).
 */
export function dodgeLabels(
	labels: readonly EndLabel[],
	fixed: readonly EndLabel[] = [],
	gap = 11,
	width = 34
): number[] {
	const order = labels.map((_, i) => i).sort((a, b) => labels[a]!.y - labels[b]!.y);
	const placed: { x: number; y: number }[] = [...fixed];
	const shift = labels.map(() => 0);
	for (const i of order) {
		const { x } = labels[i]!;
		let y = labels[i]!.y;
		for (let moved = true; moved;) {
			moved = false;
			for (const p of placed)
				if (Math.abs(p.x - x) < width && Math.abs(p.y - y) < gap) {
					y = p.y + gap;
					moved = true;
				}
		}
		placed.push({ x, y });
		shift[i] = y - labels[i]!.y;
	}
	return shift;
}
