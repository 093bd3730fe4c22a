import { describe, expect, it } from 'vitest';
import { patientFlagFor } from './patient-flags';

describe('patientFlagFor', () => {
	it.each([
		[[], 'single_episode'],
		[['clinic'], 'single_episode'],
		[['condition', 'technique'], 'alone_by_condition_technique'],
		[['technique', 'condition'], 'alone_by_condition_technique'],
		[['clinic', 'technique'], 'alone_by_technique'],
		[['condition'], 'alone_by_condition'],
		[['length_band'], 'alone_by_length_band'],
		[['sessions', 'sex'], 'alone_by_sessions']
	])('a grouping by %j uses %s', (by, column) => {
		expect(patientFlagFor(by).column).toBe(column);
	});
});
