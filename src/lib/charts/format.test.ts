import { describe, expect, it } from 'vitest';
import { formatCi, formatDay, formatNumber } from './format';

describe('formatNumber', () => {
	it.each([
		[1.234, 2, '1.23'],
		[-1.5, 1, '−1.5'],
		[-0.001, 2, '0.00'],
		[-0.04, 1, '0.0'],
		[-0.4, 0, '0'],
		[-0.6, 0, '−1'],
		[null, 2, '—'],
		[Number.NaN, 2, '—']
	] as const)('%s to %i decimals is %s', (value, digits, text) => {
		expect(formatNumber(value, digits)).toBe(text);
	});

	it('writes an interval that touches zero without a negative zero', () => {
		expect(formatCi(-0.004, 1.23)).toBe('0.00 to 1.23');
	});
});

describe('formatDay', () => {
	it('writes a stored date as yyyy-mm-dd in UTC, and nothing for none', () => {
		expect(formatDay(Date.UTC(2026, 2, 27))).toBe('2026-03-27');
		expect(formatDay(Date.UTC(2024, 1, 29))).toBe('2024-02-29');
		expect(formatDay(null)).toBe('');
		expect(formatDay(NaN)).toBe('');
	});
});
