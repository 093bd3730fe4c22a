import { scaleBand, scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { center, isBand, pixelExtent, start, tickValues, withRange } from './scales';

describe('scale helpers', () => {
	const linear = withRange(scaleLinear().domain([0, 10]), [0, 200]);
	const band = withRange(scaleBand<string>().domain(['a', 'b']).padding(0), [0, 100]);

	it('place values on a linear scale at their own position', () => {
		expect(isBand(linear)).toBe(false);
		expect(start(linear, 5)).toBe(100);
		expect(center(linear, 5)).toBe(100);
		expect(tickValues(linear, 2)).toEqual([0, 5, 10]);
	});

	it('place categories at the start or the middle of their band', () => {
		expect(isBand(band)).toBe(true);
		expect(start(band, 'b')).toBe(50);
		expect(center(band, 'b')).toBe(75);
		expect(tickValues(band, 2)).toEqual(['a', 'b']);
		expect(Number.isNaN(start(band, 'missing'))).toBe(true);
	});

	it('copy the scale rather than changing the caller’s', () => {
		const mine = scaleLinear().domain([0, 1]);
		withRange(mine, [0, 500]);
		expect(mine.range()).toEqual([0, 1]);
		expect(pixelExtent(withRange(mine, [300, 0]))).toEqual([0, 300]);
	});
});
