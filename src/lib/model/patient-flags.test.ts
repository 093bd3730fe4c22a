import { describe, expect, it } from 'vitest';
import { patientFlagFor } from './patient-flags';

describe('patientFlagFor', () => {
	it.each([
		[[], 'single_episode'],
		[['clinic'], 'single_episode'],
		[['condition', 'technique'], 'alone_by_condition_technique'],
		[['technique', 'condition'], 'alone_by_condition_technique'],
		[['clinic', 'technique'], 'alone_by_technique'],
		[['condition'], 'single_episode'],
		[['length_band', 'sex'], 'single_episode']
	])('a grouping by %j uses %s', (by, column) => {
		expect(patientFlagFor(by).column).toBe(column);
	});
});
