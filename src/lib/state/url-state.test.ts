import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, viewFromUrl, viewToSearch, type TrendView } from './url-state';

const roundTrip = (view: TrendView) => viewFromUrl(new URLSearchParams(viewToSearch(view)));

describe('trend view ⇄ URL', () => {
	it.each<TrendView>([
		DEFAULT_VIEW,
		{ measure: 'sleep', condition: null },
		{ measure: 'pain', condition: 'Low back pain' },
		{ measure: 'stress', condition: 'Neuromuscular / trigger point & "odd" ?=#' }
	])('round-trips %j', (view) => {
		expect(roundTrip(view)).toEqual(view);
	});

	it('writes nothing for the default view', () => {
		expect(viewToSearch(DEFAULT_VIEW)).toBe('');
	});

	it('falls back to the default measure for an unknown one', () => {
		expect(viewFromUrl(new URLSearchParams('measure=bogus&condition=Headache'))).toEqual({
			measure: 'pain',
			condition: 'Headache'
		});
	});
});
