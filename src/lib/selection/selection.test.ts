import { describe, expect, it } from 'vitest';
import type { Clause } from './clause';
import { Selection } from './selection';

const bar: Clause = { source: 'filters', field: 'clinic', values: ['Riverside'] };
const cellCondition: Clause = { source: 'matrix', field: 'condition', values: ['Low back pain'] };
const cellTechnique: Clause = { source: 'matrix', field: 'technique', values: ['Swedish'] };
const length: Clause = { source: 'dose-length', field: 'length_band', values: [60] };

describe('Selection (crossfilter)', () => {
	it('gives each client every clause but its own source’s', () => {
		const s = new Selection();
		s.update('matrix', [cellCondition, cellTechnique]);
		s.update('filters', [bar]);
		s.update('dose-length', [length]);
		expect(s.clausesFor('matrix')).toEqual([length, bar]);
		expect(s.clausesFor('dose-length')).toEqual([bar, cellCondition, cellTechnique]);
		// The filter bar is a source too, but no chart is it: every chart gets its clauses.
		expect(s.clausesFor('forest')).toEqual([length, bar, cellCondition, cellTechnique]);
		expect(s.all()).toEqual(s.clausesFor(null));
	});

	it('orders clauses by source whatever the order of publishing, so the SQL is stable', () => {
		const a = new Selection();
		a.update('matrix', [cellCondition]);
		a.update('filters', [bar]);
		const b = new Selection();
		b.update('filters', [bar]);
		b.update('matrix', [cellCondition]);
		expect(a.all()).toEqual(b.all());
		expect(a.sources()).toEqual(['filters', 'matrix']);
	});

	it('replaces a source’s clauses as a whole on update', () => {
		const s = new Selection();
		s.update('matrix', [cellCondition, cellTechnique]);
		s.update('matrix', [cellCondition]);
		expect(s.all()).toEqual([cellCondition]);
	});

	it('clears a source, and treats publishing nothing (or empty clauses) as clearing', () => {
		const s = Selection.from([bar, cellCondition, length]);
		expect(s.clear('matrix')).toBe(true);
		expect(s.clear('matrix')).toBe(false);
		s.update('dose-length', [{ source: 'dose-length', field: 'length_band', values: [] }]);
		expect(s.sources()).toEqual(['filters']);
		s.update('filters', []);
		expect(s.all()).toEqual([]);
	});

	it('drops an open date range but keeps one with either end', () => {
		const open: Clause = { source: 'filters', field: 'start_date', from: null, to: null };
		const since: Clause = { source: 'filters', field: 'start_date', from: '2024-01-01', to: null };
		const s = new Selection();
		s.update('filters', [open, since]);
		expect(s.all()).toEqual([since]);
	});

	it('refuses a clause published under another source', () => {
		expect(() => new Selection().update('matrix', [bar])).toThrow(
			/"filters" was published as "matrix"/
		);
	});

	it('reports only real changes', () => {
		const s = new Selection();
		expect(s.update('matrix', [cellCondition])).toBe(true);
		expect(s.update('matrix', [{ ...cellCondition, values: ['Low back pain'] }])).toBe(false); // same
		expect(s.clear('forest')).toBe(false); // had nothing
		expect(s.update('filters', [bar])).toBe(true);
		expect(s.clear('filters')).toBe(true);
	});

	it('keeps its own copies: mutating what was published or read changes nothing', () => {
		const values = ['Riverside'];
		const s = new Selection();
		s.update('filters', [{ source: 'filters', field: 'clinic', values }]);
		values.push('Hillside');
		const read = s.all()[0]!;
		if ('values' in read) (read.values as string[]).push('Lakeside');
		expect(s.all()).toEqual([bar]);
	});
});
