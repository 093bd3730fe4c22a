import { describe, expect, it } from 'vitest';
import { cellText, isoDateTime } from './cell-text';

describe('cellText', () => {
	it('writes each kind of value as faithful text', () => {
		expect([7.5, 10, 0.3, -0, 1e-7, 12345678901234567890n].map(cellText)).toEqual([
			'7.5',
			'10',
			'0.3',
			'0',
			'1e-7',
			'12345678901234567890'
		]);
		expect([true, false, '', null, undefined, ' a '].map(cellText)).toEqual([
			'true',
			'false',
			null,
			null,
			null,
			' a '
		]);
		expect(cellText({ n: 1n, d: [new Date('2024-01-02T00:00:00Z')] })).toBe(
			'{"n":"1","d":["2024-01-02T00:00:00.000Z"]}'
		);
		expect(cellText(new Uint8Array([0, 255]))).toBe('00ff');
	});

	it('gives dates as ISO, with the time only when there is one', () => {
		expect(isoDateTime(Date.UTC(2024, 2, 5))).toBe('2024-03-05');
		expect(isoDateTime(Date.UTC(1950, 0, 1))).toBe('1950-01-01');
		expect(isoDateTime(Date.UTC(2024, 2, 5, 14, 30))).toBe('2024-03-05T14:30:00');
		expect(isoDateTime(Date.UTC(2024, 2, 5, 14, 30, 0, 120))).toBe('2024-03-05T14:30:00.120');
		expect(isoDateTime(NaN)).toBeNull();
	});
});
