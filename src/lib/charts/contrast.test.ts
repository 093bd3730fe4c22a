import { describe, expect, it } from 'vitest';
import { DARK_TEXT, LIGHT_TEXT, contrastRatio, parseColor, textColorOn } from './contrast';

describe('contrast', () => {
	it('reads hex and d3’s rgb() strings', () => {
		expect(parseColor('#0072B2')).toEqual([0, 114, 178]);
		expect(parseColor('rgb(45, 0, 75)')).toEqual([45, 0, 75]);
		expect(() => parseColor('purple')).toThrow(/unreadable/);
	});

	it('matches WCAG’s published ratios', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrastRatio('#ffffff', '#767676')).toBeCloseTo(4.54, 2);
	});

	it('puts white text on dark fills and dark text on light ones, at ≥ 4.5:1 on the scale’s ends', () => {
		for (const fill of ['rgb(45, 0, 75)', 'rgb(127, 59, 8)', '#0072B2']) {
			expect(textColorOn(fill)).toBe(LIGHT_TEXT);
			expect(contrastRatio(fill, LIGHT_TEXT)).toBeGreaterThanOrEqual(4.5);
		}
		for (const fill of ['rgb(247, 247, 247)', '#e6e6e6', 'rgb(253, 184, 99)']) {
			expect(textColorOn(fill)).toBe(DARK_TEXT);
			expect(contrastRatio(fill, DARK_TEXT)).toBeGreaterThanOrEqual(4.5);
		}
	});
});
