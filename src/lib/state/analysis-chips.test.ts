import { describe, expect, it } from 'vitest';
import { activeChips } from './analysis-chips';
import { clausesFromState, defaultState } from './analysis-url';

describe('activeChips', () => {
	it('has none for the default view', () => {
		expect(activeChips(defaultState())).toEqual([]);
	});

	it('says what each filter and selection keeps, in the order of the clauses', () => {
		const s = defaultState();
		s.filters.clinic = ['Riverside'];
		s.filters.technique = ['Swedish', 'Deep tissue', 'Shiatsu', 'Thai', 'Reflexology'];
		s.filters.length_band = [30, 60];
		s.filters.from = '2024-01-01';
		s.select = { condition: 'Low back pain', technique: 'Swedish', length_band: 45, sessions: 1 };
		expect(activeChips(s).map((c) => [c.key, c.label, c.selection])).toEqual([
			['clinic', 'Clinic: Riverside', false],
			['technique', 'Technique: Swedish, Deep tissue, Shiatsu and 2 more', false],
			['length_band', 'Session length: 30 min, 60 min or longer', false],
			['dates', 'First session: from 2024-01-01', false],
			['matrix', 'Selected: Low back pain × Swedish', true],
			['dose-length', 'Selected: sessions of 45 min', true],
			['dose-sessions', 'Selected: 1 session attended', true]
		]);
	});

	it('removes exactly its own part, leaving the given state as it was', () => {
		const s = defaultState();
		s.filters.clinic = ['Riverside'];
		s.filters.to = '2024-06-30';
		s.select.condition = 'Neck pain';
		const [clinic, dates, matrix] = activeChips(s);
		expect(clausesFromState(clinic!.remove(s)).map((c) => c.source + ':' + c.field)).toEqual([
			'filters:start_date',
			'matrix:condition'
		]);
		expect(dates!.remove(s).filters).toMatchObject({ from: null, to: null, clinic: ['Riverside'] });
		expect(matrix!.label).toBe('Selected: Neck pain');
		expect(matrix!.remove(s).select.condition).toBeNull();
		expect(s.filters.clinic).toEqual(['Riverside']);
		expect(s.select.condition).toBe('Neck pain');
	});
});
