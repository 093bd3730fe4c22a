import type { Table } from 'apache-arrow';
import { seriesPalette } from './palette';

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

/** Colours keyed by every technique in the dataset, so a filter never repaints a technique. */
export function techniqueColors(techniques: readonly string[]): (technique: string) => string {
	const style = seriesPalette(techniques);
	return (technique) => style(technique).color;
}

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
