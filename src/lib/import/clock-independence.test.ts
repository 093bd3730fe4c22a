import { afterEach, describe, expect, it, vi } from 'vitest';
import { imported, problems } from '../../../tests/support/import';

afterEach(() => vi.useRealTimers());

describe('the import and the real clock', () => {
	it('gives the same report and problems with the system clock ten years ahead', async () => {
		const today = await imported('messy-semicolon.csv');
		const expected = { report: today.report, problems: await problems(today.db) };
		await today.db.close();

		vi.useFakeTimers({ toFake: ['Date'], now: new Date('2036-12-01T09:00:00Z') });
		expect(new Date().getFullYear()).toBe(2036);
		const later = await imported('messy-semicolon.csv');
		expect(later.report).toEqual(expected.report);
		expect(await problems(later.db)).toEqual(expected.problems);
		// The flag is decided by the import's own date (TEST_NOW), not the machine's.
		expect(expected.problems.filter((p) => p.reason === 'future_date')).toHaveLength(1);
		await later.db.close();
	});
});
