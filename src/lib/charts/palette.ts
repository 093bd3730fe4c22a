import {
	symbol,
	symbolCircle,
	symbolCross,
	symbolDiamond,
	symbolSquare,
	symbolStar,
	symbolTriangle,
	symbolWye,
	type SymbolType
} from 'd3-shape';

/**
 * One colour per technique (or per condition when those are the series), each ≥ 3:1 against
 * white (WCAG 1.4.11, graphical objects). The first four are Okabe–Ito's; their orange and sky
 * blue (2.3:1) are replaced by a violet, a brown and a navy chosen so that every pair stays apart
 * under simulated protanopia, deuteranopia and tritanopia (palette.test.ts checks both).
 */
export const SERIES_COLORS = [
	'#0072B2', // blue
	'#D55E00', // vermillion
	'#009E73', // bluish green
	'#CC79A7', // reddish purple
	'#7733CC', // violet
	'#663311', // brown
	'#112288', // navy
	'#000000'
] as const;

/** Second channel for lines: solid, dashed, dotted, dash-dot, … (SVG stroke-dasharray). */
export const DASHES = ['', '6 3', '2 3', '8 3 2 3', '12 4', '4 2 1 2', '1 5', '10 2 2 2 2 2'];

export type MarkerShape =
	'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'star' | 'wye' | 'ring';
/** Second channel for points; 'ring' (hollow circle) lets a ninth series differ from the first. */
export const SHAPES: readonly MarkerShape[] = [
	'circle',
	'square',
	'triangle',
	'diamond',
	'cross',
	'star',
	'wye',
	'ring'
];

export interface SeriesStyle {
	color: string;
	dash: string;
	shape: MarkerShape;
}

/** For names outside the list given: visibly "other", never a colour that belongs to a series. */
export const OTHER_STYLE: SeriesStyle = { color: '#595959', dash: '1 3', shape: 'circle' };

export type SeriesPalette = (name: string) => SeriesStyle;

/**
 * Styles keyed by position in the dataset's full list (every technique, not those left after a
 * filter), so filtering never repaints a series. Past eight, colours repeat with a different dash
 * and marker (offset by one), so no two of the first 64 series look alike.
 */
export function seriesPalette(names: readonly string[]): SeriesPalette {
	const styles = new Map<string, SeriesStyle>();
	names.forEach((name, i) => {
		if (styles.has(name)) return;
		const round = Math.floor(i / SERIES_COLORS.length);
		styles.set(name, {
			color: SERIES_COLORS[i % SERIES_COLORS.length]!,
			dash: DASHES[(i + round) % DASHES.length]!,
			shape: SHAPES[(i + round) % SHAPES.length]!
		});
	});
	return (name) => styles.get(name) ?? OTHER_STYLE;
}

const SYMBOLS: Record<Exclude<MarkerShape, 'ring'>, SymbolType> = {
	circle: symbolCircle,
	square: symbolSquare,
	triangle: symbolTriangle,
	diamond: symbolDiamond,
	cross: symbolCross,
	star: symbolStar,
	wye: symbolWye
};

/** SVG path of a marker centred on 0,0 with about the area of a circle of radius `r`. */
export function markerPath(shape: MarkerShape, r: number): string {
	const type = shape === 'ring' ? symbolCircle : SYMBOLS[shape];
	return symbol(type, Math.PI * r * r)() ?? '';
}

/** Hollow shapes are stroked, the others filled. */
export const isHollow = (shape: MarkerShape) => shape === 'ring';
