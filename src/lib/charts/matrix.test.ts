import { describe, expect, it } from 'vitest';
import { cellColor, matrixOrder, orderKeys, type MatrixRow } from './matrix';

const row = (
	condition: string,
	technique: string,
	improvement_mean: number | null,
	extra: Partial<MatrixRow> = {}
): MatrixRow => ({
	condition,
	technique,
	n: 10,
	patients: 8,
	suppressed: improvement_mean === null,
	improvement_mean,
	ci_low: null,
	ci_high: null,
	responder_rate: null,
	responder_ci_low: null,
	responder_ci_high: null,
	...extra
});

describe('matrix order', () => {
	it('puts the best average first and keys without values last', () => {
		const values: Record<string, (number | null)[]> = { a: [1, 3], b: [4], c: [null], d: [0.5] };
		expect(orderKeys(['a', 'b', 'c', 'd'], (k) => values[k]!)).toEqual(['b', 'a', 'd', 'c']);
	});

	it('follows a given order and appends the keys it leaves out', () => {
		const values: Record<string, number[]> = { a: [1], b: [4], c: [2] };
		expect(orderKeys(['a', 'b', 'c'], (k) => values[k]!, ['a', 'zz'])).toEqual(['a', 'b', 'c']);
	});

	it('orders rows by condition average and columns by technique average', () => {
		const rows = [row('Neck', 'Swedish', 1), row('Back', 'Swedish', 3), row('Back', 'Cupping', 5)];
		expect(matrixOrder(rows, 'improvement')).toEqual({
			conditions: ['Back', 'Neck'],
			techniques: ['Cupping', 'Swedish']
		});
	});
});

describe('matrix colours', () => {
	it('centre improvement on no change, equal gains and losses equally far from it', () => {
		const color = cellColor('improvement', [-1, 2]);
		expect(color(0)).toBe('rgb(243, 238, 234)');
		expect(color(2)).toBe('rgb(45, 0, 75)'); // purple: better
		expect(color(-2)).toBe('rgb(127, 59, 8)'); // orange: worse
	});

	it('centre rates on a reference when given', () => {
		expect(cellColor('responder_rate', [0.2], 0.4)(0.4)).toBe('rgb(243, 238, 234)');
		expect(cellColor('responder_rate', [0.2])(0)).not.toBe(cellColor('responder_rate', [])(1));
	});
});
