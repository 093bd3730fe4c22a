import type { ScaleBand, ScaleLinear } from 'd3-scale';

/**
 * The scales a chart may put on either axis. Marks never ask which one they got: they go through
 * the helpers below, so one Points mark works on a numeric time axis and on a list of categories.
 */
export type LinearScale = ScaleLinear<number, number>;
export type BandScale = ScaleBand<string>;
export type AnyScale = LinearScale | BandScale;
/** A position in data terms: a number on a linear scale, a category on a band scale. */
export type Value = number | string;

export const isBand = (scale: AnyScale): scale is BandScale => 'bandwidth' in scale;

/** A copy of the caller's scale stretched over the pixels the plot has. */
export function withRange<S extends AnyScale>(scale: S, range: [number, number]): S {
	return scale.copy().range(range) as S;
}

/** Where a value's band starts (band scale) or where the value sits (linear scale), in pixels. */
export function start(scale: AnyScale, value: Value): number {
	if (isBand(scale)) return scale(String(value)) ?? Number.NaN;
	return scale(Number(value));
}

/** The middle of a category's band, or the value itself on a linear scale. */
export const center = (scale: AnyScale, value: Value): number =>
	start(scale, value) + bandwidth(scale) / 2;

export const bandwidth = (scale: AnyScale): number => (isBand(scale) ? scale.bandwidth() : 0);

/** Tick values: every category on a band scale, about `count` round numbers on a linear one. */
export function tickValues(scale: AnyScale, count: number): Value[] {
	return isBand(scale) ? scale.domain() : scale.ticks(count);
}

/** Both ends of the pixel range, smaller first (a linear y runs bottom to top). */
export function pixelExtent(scale: AnyScale): [number, number] {
	const [a, b] = scale.range() as [number, number];
	return a <= b ? [a, b] : [b, a];
}
