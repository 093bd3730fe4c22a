/**
 * WCAG 2.x contrast, used to pick a cell's text colour against whatever fill the colour scale
 * gave it. Accepts "#rrggbb" and the "rgb(r, g, b)" strings d3's interpolators return.
 */
export function parseColor(color: string): [number, number, number] {
	const hex = color.match(/^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i);
	if (hex)
		return [hex[1]!, hex[2]!, hex[3]!].map((h) => parseInt(h, 16)) as [number, number, number];
	const rgb = color.match(/^rgb\(\s*(\d+),\s*(\d+),\s*(\d+)\s*\)$/);
	if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
	throw new Error(`unreadable colour ${color}`);
}

export function relativeLuminance(color: string): number {
	const [r, g, b] = parseColor(color).map((c) => {
		const s = c / 255;
		return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	}) as [number, number, number];
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
	const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
	return (hi! + 0.05) / (lo! + 0.05);
}

export const DARK_TEXT = '#111111';
export const LIGHT_TEXT = '#ffffff';

/** Dark or white text, whichever stands out more on this fill. */
export const textColorOn = (fill: string) =>
	contrastRatio(fill, DARK_TEXT) >= contrastRatio(fill, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT;
