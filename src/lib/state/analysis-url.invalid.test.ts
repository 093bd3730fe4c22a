import { describe, expect, it } from 'vitest';
import { decode, defaultState, type AnalysisState } from './analysis-url';

function state(change: (s: AnalysisState) => void = () => {}): AnalysisState {
	const s = defaultState();
	change(s);
	return s;
}

/** As Rill's invalid-url tests: the link, what is said about it, and what is kept. */
const INVALID: { title: string; search: string; dropped: string[]; state: AnalysisState }[] = [
	{
		title: 'minPatients that is not a whole number in range',
		search:
			'v=1&minPatients=abc&minPatients=1&minPatients=51&minPatients=2.5&minPatients=%2B5&minPatients=+5',
		dropped: ['abc', '1', '51', '2.5', '+5', ' 5'].map(
			(t) => `Ignored minPatients=${t}: not a whole number from 2 to 50`
		),
		state: state()
	},
	{
		title: 'the therapist’s settings out of range, and episodes that are not numbers',
		search: 'v=1&stallAfter=0&overdueWeeks=105&sort=name&compare=7&compare=x&compare=-1&compare=0',
		dropped: [
			'Ignored stallAfter=0: not a whole number of sessions from 1 to 50',
			'Ignored overdueWeeks=105: not a whole number of weeks from 1 to 104',
			'Ignored sort=name: the patient list is sorted by "flags", "patient", "improvement", "sessions" or "last_seen"',
			'Ignored compare=x: not an episode number',
			'Ignored compare=-1: not an episode number',
			'Ignored compare=0: not an episode number'
		],
		state: state((s) => (s.compare = [7]))
	},
	{
		title: 'unknown choices',
		search: 'v=1&metric=mean&adjust=ADJUSTED&trend=&axis=day&facet=clinic',
		dropped: [
			'Ignored metric=mean: the matrix colour is "improvement" or "responders"',
			'Ignored adjust=ADJUSTED: the forest plot shows "raw" or "adjusted"',
			'Ignored trend=: the trend shows "paired" or "raw"',
			'Ignored axis=day: the trend runs along "time" or "week"',
			'Ignored facet=clinic: the trend is split by "condition" or "technique"'
		],
		state: state()
	},
	{
		title: 'numbers that are not finite, or not above 0 for a threshold',
		search:
			'v=1&threshold=NaN&threshold=0&threshold=-1&target=Infinity&target=1e999&target=0x10&target=',
		dropped: [
			'Ignored threshold=NaN: the responder threshold is a number above 0',
			'Ignored threshold=0: the responder threshold is a number above 0',
			'Ignored threshold=-1: the responder threshold is a number above 0',
			'Ignored target=Infinity: the target is a number',
			'Ignored target=1e999: the target is a number',
			'Ignored target=0x10: the target is a number',
			'Ignored target=: the target is a number'
		],
		state: state()
	},
	{
		title: 'bad dates, keeping the good end',
		search: 'v=1&from=2023-02-29&to=2024-12-31&from=31.12.2024',
		dropped: [
			'Ignored from=2023-02-29: not a date written yyyy-mm-dd',
			'Ignored from=31.12.2024: not a date written yyyy-mm-dd'
		],
		state: state((s) => (s.filters.to = '2024-12-31'))
	},
	{
		title: 'session lengths outside the bands, keeping the valid ones',
		search:
			'v=1&length_band=30&length_band=20&length_band=060&select.length_band=90&select.sessions=0',
		dropped: [
			'Ignored length_band=20: session length is 15, 30, 45 or 60 minutes',
			'Ignored length_band=060: session length is 15, 30, 45 or 60 minutes',
			'Ignored select.length_band=90: session length is 15, 30, 45 or 60 minutes',
			'Ignored select.sessions=0: not a whole number of sessions from 1 to 65535'
		],
		state: state((s) => (s.filters.length_band = [30]))
	},
	{
		title: 'a single setting given twice: the first valid one is used',
		search: 'v=1&metric=bogus&metric=responders&metric=improvement&measure=sleep&measure=pain',
		// Named in the schema's order, not the link's.
		dropped: [
			'Ignored measure=pain: only the first measure is used',
			'Ignored metric=bogus: the matrix colour is "improvement" or "responders"',
			'Ignored metric=improvement: only the first metric is used'
		],
		state: state((s) => ((s.metric = 'responders'), (s.measure = 'sleep')))
	},
	{
		title: 'an empty measure and a bad flag',
		search: 'v=1&measure=&tables=yes',
		dropped: [
			'Ignored measure=: a measure needs a name',
			'Ignored tables=yes: tables is 1 (yes) or 0 (no)'
		],
		state: state()
	},
	{
		title: 'an unknown version: named, and the rest read as version 1',
		search: 'v=2&v=1&measure=sleep&minPatients=7',
		dropped: [
			'Ignored v=2: not a version known here; the link was read as version 1',
			'Ignored v=1: only the first v is used'
		],
		state: state((s) => ((s.measure = 'sleep'), (s.minPatients = 7)))
	},
	{
		title: 'a long hostile value, echoed shortened',
		search: `v=1&axis=${encodeURIComponent('<script>alert(1)</script>'.repeat(3))}`,
		dropped: [
			`Ignored axis=${'<script>alert(1)</script>'.repeat(3).slice(0, 40)}…: the trend runs along "time" or "week"`
		],
		state: state()
	}
];

describe('decoding a link with invalid values', () => {
	it.each(INVALID)('$title', ({ search, dropped, state: expected }) => {
		expect(decode(search)).toEqual({ state: expected, dropped });
	});
});
