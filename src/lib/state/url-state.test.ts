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

	it('reads an absent or empty parameter as the default', () => {
		expect(viewFromUrl(new URLSearchParams('measure=&condition=Headache'))).toEqual({
			measure: 'pain',
			condition: 'Headache'
		});
	});
});
