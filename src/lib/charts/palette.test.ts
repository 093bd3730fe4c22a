import { describe, expect, it } from 'vitest';
import { DASHES, OTHER_STYLE, SERIES_COLORS, SHAPES, markerPath, seriesPalette } from './palette';

// WCAG 2.x relative luminance and contrast ratio, computed here rather than imported.
const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const luminance = ([r, g, b]: number[]) => 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
const contrastOnWhite = (hex: string) => 1.05 / (luminance(channels(hex).map(linear)) + 0.05);

// Colour-vision deficiency simulation (Machado, Oliveira & Fernandes 2009, severity 1) on linear
// RGB, then CIELAB (D65) distance: how far apart two colours look to someone with that deficiency.
const CVD: Record<string, number[][]> = {
	none: [
		[1, 0, 0],
		[0, 1, 0],
		[0, 0, 1]
	],
	protanopia: [
		[0.152286, 1.052583, -0.204868],
		[0.114503, 0.786281, 0.099216],
		[-0.003882, -0.048116, 1.051998]
	],
	deuteranopia: [
		[0.367322, 0.860646, -0.227968],
		[0.280085, 0.672501, 0.047413],
		[-0.01182, 0.04294, 0.968881]
	],
	tritanopia: [
		[1.255528, -0.076749, -0.178779],
		[-0.078411, 0.930809, 0.147602],
		[0.004733, 0.691367, 0.3039]
	]
};
const multiply = (m: number[][], v: number[]) =>
	m.map((row) =>
		Math.min(
			1,
			Math.max(
				0,
				row.reduce((s, k, i) => s + k * v[i]!, 0)
			)
		)
	);
function lab(hex: string, deficiency: string): number[] {
	const rgb = multiply(CVD[deficiency]!, channels(hex).map(linear));
	const xyz = multiply(
		[
			[0.4124 / 0.95047, 0.3576 / 0.95047, 0.1805 / 0.95047],
			[0.2126, 0.7152, 0.0722],
			[0.0193 / 1.08883, 0.1192 / 1.08883, 0.9505 / 1.08883]
		],
		rgb
	);
	const f = xyz.map((t) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116));
	return [116 * f[1]! - 16, 500 * (f[0]! - f[1]!), 200 * (f[1]! - f[2]!)];
}
const distance = (a: number[], b: number[]) => Math.hypot(...a.map((v, i) => v - b[i]!));

describe('series palette', () => {
	it.each(SERIES_COLORS)('%s has at least 3:1 contrast on white', (hex) => {
		expect(contrastOnWhite(hex)).toBeGreaterThanOrEqual(3);
	});

	it('computes contrast the way WCAG does (published reference values)', () => {
		expect(contrastOnWhite('#000000')).toBeCloseTo(21, 5);
		expect(contrastOnWhite('#767676')).toBeCloseTo(4.54, 2);
		// The two Okabe–Ito colours this palette replaces.
		expect(contrastOnWhite('#E69F00')).toBeLessThan(3);
		expect(contrastOnWhite('#56B4E9')).toBeLessThan(3);
	});

	it.each(Object.keys(CVD))('keeps every pair of colours apart with %s (ΔE ≥ 15)', (cvd) => {
		for (const [i, a] of SERIES_COLORS.entries())
			for (const b of SERIES_COLORS.slice(i + 1))
				expect(distance(lab(a, cvd), lab(b, cvd)), `${a} vs ${b}`).toBeGreaterThanOrEqual(15);
	});

	it('gives the other series grey, also readable on white', () => {
		expect(contrastOnWhite(OTHER_STYLE.color)).toBeGreaterThanOrEqual(3);
		expect(SERIES_COLORS).not.toContain(OTHER_STYLE.color);
	});

	it('keeps each name’s style when the list shown is filtered', () => {
		const all = ['Swedish', 'Deep tissue', 'Trigger point', 'Myofascial'];
		const style = seriesPalette(all);
		expect(style('Trigger point')).toEqual({
			color: SERIES_COLORS[2],
			dash: DASHES[2],
			shape: SHAPES[2]
		});
		expect(style('Unlisted')).toEqual(OTHER_STYLE);
	});

	it('never gives two of the first 64 series the same colour, dash and marker', () => {
		const names = Array.from({ length: 64 }, (_, i) => `t${i}`);
		const style = seriesPalette(names);
		const seen = new Set(names.map((n) => JSON.stringify(style(n))));
		expect(seen.size).toBe(64);
		// Series sharing a colour differ in their dash too (lines show no marker between points).
		for (const n of names) {
			const sameColour = names.filter((m) => style(m).color === style(n).color);
			expect(new Set(sameColour.map((m) => style(m).dash)).size).toBe(sameColour.length);
		}
	});

	it('draws a distinct outline for every filled marker shape', () => {
		const filled = SHAPES.filter((s) => s !== 'ring');
		for (const shape of filled) expect(markerPath(shape, 4)).toMatch(/^M[-\d.,]+/);
		expect(new Set(filled.map((s) => markerPath(s, 4))).size).toBe(filled.length);
	});
});
