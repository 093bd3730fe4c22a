import { describe, expect, it } from 'vitest';
import { decode, defaultState, encode, type AnalysisState } from './analysis-url';

/** A state from the default with some settings changed (as Rill's tests apply mutations). */
function state(change: (s: AnalysisState) => void = () => {}): AnalysisState {
	const s = defaultState();
	change(s);
	return s;
}

const HOSTILE = [
	'Neuromuscular & trigger point',
	'a=b',
	'Low back pain, chronic',
	'#1 clinic',
	'100% better',
	'C++ + more',
	'  spaced  out  ',
	`O'Brien "Main"`,
	"'; DROP TABLE episode_measures; --",
	'Zürich – Süd',
	'🦴💆‍♀️',
	'?v=2&measure=x'
];

const ROUND_TRIPS: { title: string; state: AnalysisState; search: string }[] = [
	{ title: 'the default view is the plain address', state: state(), search: '' },
	{ title: 'a measure', state: state((s) => (s.measure = 'sleep')), search: 'v=1&measure=sleep' },
	{
		title: 'several values of a filter, as repeated parameters',
		state: state((s) => (s.filters.clinic = ['Riverside', 'Hillside'])),
		search: 'v=1&clinic=Riverside&clinic=Hillside'
	},
	{
		title: 'labels with & = , # % + spaces quotes and emoji',
		state: state((s) => {
			s.filters.condition = HOSTILE;
			s.select.technique = HOSTILE[0]!;
		}),
		search: `v=1&${HOSTILE.map((h) => `condition=${new URLSearchParams({ h }).toString().slice(2)}`).join('&')}&select.technique=Neuromuscular+%26+trigger+point`
	},
	{
		title: 'an empty label, in a filter and as a selection',
		state: state((s) => {
			s.filters.therapist = [''];
			s.select.condition = '';
		}),
		search: 'v=1&therapist=&select.condition='
	},
	{
		title: 'a date range open at one end',
		state: state((s) => (s.filters.from = '2024-02-29')),
		search: 'v=1&from=2024-02-29'
	},
	{
		title: 'numbers: bands, a selected dose, a threshold and a target',
		state: state((s) => {
			s.filters.length_band = [60, 15];
			s.select.length_band = 45;
			s.select.sessions = 12;
			s.threshold = 1.5;
			s.target = -0.25;
		}),
		search:
			'v=1&length_band=60&length_band=15&select.length_band=45&select.sessions=12&threshold=1.5&target=-0.25'
	},
	{
		title: 'a tiny threshold',
		state: state((s) => (s.threshold = 1e-7)),
		search: 'v=1&threshold=1e-7'
	},
	{ title: 'a zero target', state: state((s) => (s.target = 0)), search: 'v=1&target=0' },
	{
		title: 'every field set, in schema order whatever the order of setting',
		state: state((s) => {
			s.compare = [12, 3];
			s.search = 'P00 & 1';
			s.sort = 'improvement';
			s.overdueWeeks = 8;
			s.stallAfter = 6;
			s.tables = true;
			s.target = 3;
			s.threshold = 2;
			s.minPatients = 2;
			s.mix = 'age_band';
			s.providers = 'therapist';
			s.facet = 'technique';
			s.axis = 'week';
			s.trend = 'raw';
			s.adjust = 'raw';
			s.metric = 'responders';
			s.select = { condition: 'Neck pain', technique: 'Swedish', length_band: 30, sessions: 4 };
			s.filters = {
				clinic: ['A'],
				therapist: ['B'],
				condition: ['C'],
				technique: ['D'],
				age_band: ['40–59'],
				sex: ['F'],
				length_band: [30],
				from: '2023-01-01',
				to: '2023-12-31'
			};
			s.measure = 'odi';
		}),
		search:
			'v=1&measure=odi&clinic=A&therapist=B&condition=C&technique=D&age_band=40%E2%80%9359&sex=F' +
			'&length_band=30&from=2023-01-01&to=2023-12-31&select.condition=Neck+pain' +
			'&select.technique=Swedish&select.length_band=30&select.sessions=4&metric=responders' +
			'&adjust=raw&trend=raw&axis=week&facet=technique&providers=therapist&mix=age_band' +
			'&minPatients=2&threshold=2&target=3&tables=1&stallAfter=6&overdueWeeks=8&sort=improvement' +
			'&search=P00+%26+1&compare=12&compare=3'
	},
	{
		title: 'the widest suppression threshold',
		state: state((s) => (s.minPatients = 50)),
		search: 'v=1&minPatients=50'
	}
];

describe('analysis state ⇄ address', () => {
	it.each(ROUND_TRIPS)('$title', ({ state: s, search }) => {
		expect(encode(s)).toBe(search);
		expect(decode(encode(s))).toEqual({ state: s, dropped: [] });
		// Read back as the browser hands it over: from a whole URL.
		expect(decode(new URL(`https://x.test/?${encode(s)}`).searchParams).state).toEqual(s);
	});

	it('decodes to a state with every field, whatever is missing', () => {
		expect(decode('')).toEqual({ state: defaultState(), dropped: [] });
		expect(decode('v=1')).toEqual({ state: defaultState(), dropped: [] });
	});

	it('ignores parameters it does not own', () => {
		expect(decode('v=1&utm_source=mail&dataset=3')).toEqual({ state: defaultState(), dropped: [] });
	});
});

describe('links from before versions (no v)', () => {
	it.each([
		[
			'measure=sleep&condition=Headache',
			state((s) => ((s.measure = 'sleep'), (s.filters.condition = ['Headache'])))
		],
		['condition=Neck+pain', state((s) => (s.filters.condition = ['Neck pain']))],
		// An empty value meant "all" then: unset, not an empty label.
		['measure=&condition=', state()],
		[
			'condition=Trigger+point+%26+%22odd%22+%3F%3D%23',
			state((s) => (s.filters.condition = ['Trigger point & "odd" ?=#']))
		]
	])('%s', (search, expected) => {
		expect(decode(search)).toEqual({ state: expected, dropped: [] });
	});
});
