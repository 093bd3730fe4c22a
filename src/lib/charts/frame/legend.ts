import type { MarkerShape } from '../palette';

/** One series in a legend: what it is called and how it is drawn (colour, dash, marker). */
export interface LegendItem {
	name: string;
	color: string;
	dash?: string;
	shape?: MarkerShape;
}
