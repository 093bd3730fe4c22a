import { describe, expect, it } from 'vitest';
import { constrains, isIsoDate } from './clause';

describe('isIsoDate', () => {
	it.each(['2024-02-29', '2023-12-31', '0001-01-01', '0099-06-15', '9999-12-31'])('takes %s', (d) =>
		expect(isIsoDate(d)).toBe(true)
	);
	it.each([
		'2023-02-29',
		'2024-13-01',
		'2024-00-10',
		'2024-1-01',
		'24-01-01',
		'2024-01-01T00:00',
		' 2024-01-01',
		''
	])('refuses %j', (d) => expect(isIsoDate(d)).toBe(false));
});

describe('constrains', () => {
	it('is false for an empty values list or a range open at both ends', () => {
		expect(constrains({ source: 's', field: 'clinic', values: [] })).toBe(false);
		expect(constrains({ source: 's', field: 'sessions', values: [3] })).toBe(true);
		expect(constrains({ source: 's', field: 'start_date', from: null, to: null })).toBe(false);
		expect(constrains({ source: 's', field: 'start_date', from: null, to: '2024-01-01' })).toBe(
			true
		);
	});
});
