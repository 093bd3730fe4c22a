import type { Table } from 'apache-arrow';
import { scaleOrdinal } from 'd3-scale';
import { isTooSmall } from '../stats/small-cells';

export interface TrendPoint {
	time: number;
	/** Episodes of care with a value at this point. */
	n: number;
	/** Distinct patients behind those episodes. */
	patients: number;
	mean: number;
	lo: number | null;
	hi: number | null;
	tooFew: boolean;
}

export interface TrendSeries {
	technique: string;
	color: string;
	points: TrendPoint[];
}

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

/** Colours keyed by every technique in the dataset, so a filter never repaints a technique. */
export const techniqueColors = (techniques: readonly string[]) =>
	scaleOrdinal<string, string>().domain(techniques).range(PALETTE);

/** The trend query's rows (already one per drawn point) grouped into one series per technique. */
export function trendSeries(table: Table, color: (technique: string) => string): TrendSeries[] {
	const byTechnique = new Map<string, TrendPoint[]>();
	for (const row of table.toArray()) {
		const r = row.toJSON() as Omit<TrendPoint, 'tooFew'> & { technique: string };
		const points = byTechnique.get(r.technique) ?? [];
		points.push({ ...r, tooFew: isTooSmall(r.patients) });
		byTechnique.set(r.technique, points);
	}
	return [...byTechnique].map(([technique, points]) => ({
		technique,
		color: color(technique),
		points
	}));
}
