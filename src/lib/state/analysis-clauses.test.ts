import { describe, expect, it } from 'vitest';
import { Selection } from '../selection/selection';
import { whereSql } from '../stats/where';
import { clausesFromState, defaultState } from './analysis-url';

describe('clausesFromState', () => {
	it('has no clause for the default view', () => {
		expect(clausesFromState(defaultState())).toEqual([]);
	});

	it('puts the filter bar under "filters" and each chart selection under its chart', () => {
		const s = defaultState();
		s.filters.clinic = ['Riverside', 'Hillside'];
		s.filters.sex = ['F'];
		s.filters.length_band = [30, 45];
		s.filters.to = '2024-06-30';
		s.select = { condition: 'Low back pain', technique: 'Swedish', length_band: 60, sessions: 8 };
		expect(clausesFromState(s)).toEqual([
			{ source: 'filters', field: 'clinic', values: ['Riverside', 'Hillside'] },
			{ source: 'filters', field: 'sex', values: ['F'] },
			{ source: 'filters', field: 'length_band', values: [30, 45] },
			{ source: 'filters', field: 'start_date', from: null, to: '2024-06-30' },
			{ source: 'matrix', field: 'condition', values: ['Low back pain'] },
			{ source: 'matrix', field: 'technique', values: ['Swedish'] },
			{ source: 'dose-length', field: 'length_band', values: [60] },
			{ source: 'dose-sessions', field: 'sessions', values: [8] }
		]);
	});

	it('copies the lists, so changing the clauses leaves the state alone', () => {
		const s = defaultState();
		s.filters.clinic = ['Riverside'];
		const [clause] = clausesFromState(s);
		if (clause && 'values' in clause) (clause.values as string[]).push('Hillside');
		expect(s.filters.clinic).toEqual(['Riverside']);
	});

	it('keeps a chart unfiltered by its own selection once in a Selection', () => {
		const s = defaultState();
		s.filters.condition = ['Neck pain', 'Low back pain'];
		s.select.condition = 'Low back pain';
		s.select.sessions = 4;
		const selection = Selection.from(clausesFromState(s));
		// The matrix sees the filter bar and the sessions bar, not its own cell.
		expect(whereSql(selection.clausesFor('matrix'))).toEqual({
			sql:
				'list_contains([?::DOUBLE, ?::DOUBLE, ?::DOUBLE, ?::DOUBLE], "sessions"::DOUBLE) AND ' +
				'list_contains([?::VARCHAR, ?::VARCHAR, ?::VARCHAR, ?::VARCHAR], "condition"::VARCHAR)',
			params: [4, 4, 4, 4, 'Neck pain', 'Low back pain', 'Neck pain', 'Neck pain']
		});
	});
});
