import { describe, expect, it } from 'vitest';
import { formatCi, formatNumber } from './format';

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
