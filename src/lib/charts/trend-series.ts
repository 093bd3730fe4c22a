import type { Table } from 'apache-arrow';
import { scaleOrdinal } from 'd3-scale';

export interface TrendPoint {
	time: number;
	/** Episodes of care with a value at this point. */
	n: number;
	/** Distinct patients behind those episodes. */
	patients: number;
	/** Too few patients: the engine sent no mean, SD or interval (all null). */
	suppressed: boolean;
	mean: number | null;
	lo: number | null;
	hi: number | null;
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
		const { technique, ...point } = row.toJSON() as TrendPoint & { technique: string };
		const points = byTechnique.get(technique) ?? [];
		points.push(point);
		byTechnique.set(technique, points);
	}
	return [...byTechnique].map(([technique, points]) => ({
		technique,
		color: color(technique),
		points
	}));
}
