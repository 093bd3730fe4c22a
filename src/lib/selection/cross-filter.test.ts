import { describe, expect, it } from 'vitest';
import type { Clause } from './clause';
import { CrossFilter } from './cross-filter';

// $derived stops at an identical (===) value, so identity is what is asserted here. (Effects
// cannot be run in these tests: Vitest resolves Svelte's server build, where effects never run.)
describe('CrossFilter', () => {
	it('keeps a view’s filter the same object until its SQL or values change', () => {
		let clauses: Clause[] = [{ source: 'filters', field: 'clinic', values: ['Riverside'] }];
		const cross = new CrossFilter(() => clauses);
		const matrix = cross.filterFor('matrix');
		const dose = cross.filterFor('dose-length');

		// A matrix click: the dose chart's filter is new, the matrix's is the one it had.
		clauses = [...clauses, { source: 'matrix', field: 'technique', values: ['Swedish'] }];
		expect(cross.filterFor('matrix')).toBe(matrix);
		const narrowed = cross.filterFor('dose-length');
		expect(narrowed).not.toBe(dose);
		expect(narrowed.params).toEqual(['Riverside', 'Swedish']);

		// The filter bar changes: both are new.
		clauses = [{ source: 'filters', field: 'clinic', values: ['Hillside'] }, clauses[1]!];
		expect(cross.filterFor('matrix')).not.toBe(matrix);
		expect(cross.filterFor('dose-length')).not.toBe(narrowed);
	});

	it('gives the filter of all clauses for null', () => {
		const cross = new CrossFilter(() => [{ source: 'matrix', field: 'sessions', values: [4] }]);
		expect(cross.filterFor(null)).toEqual({ sql: '"sessions" IN (?)', params: [4] });
		expect(cross.filterFor('matrix')).toEqual({ sql: 'TRUE', params: [] });
	});
});
