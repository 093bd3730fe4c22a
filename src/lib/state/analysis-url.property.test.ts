import fc from 'fast-check';
import { expect, it } from 'vitest';
import { decode, encode, type AnalysisState } from './analysis-url';
import { MIX_FACTORS } from '../stats/case-mix-shares';
import { PATIENT_SORTS } from '../stats/patient-list';
import {
	MAX_EPISODE,
	ADJUSTS,
	AXES,
	FACETS,
	PROVIDERS,
	LENGTH_BANDS,
	METRICS,
	TRENDS
} from './analysis-state';

/**
 * Any label: every code point (fast-check's 'binary' unit has no lone surrogates, which no
 * label read from a dataset can hold either: URLSearchParams would write them as U+FFFD), and
 * the characters that carry meaning in a query string.
 */
const label = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 12 }),
	fc.constantFrom('&', '=', ',', '#', '%', '+', ' ', '?', '"', "'", '%20', '+=&', '🦴', '')
);
const labels = fc.array(label, { maxLength: 4 });
const date = fc
	.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
	.map((d) => d.toISOString().slice(0, 10));
// −0 reads back as 0, the same threshold and target.
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x));
const positive = fc.double({ min: 0, minExcluded: true, noNaN: true, noDefaultInfinity: true });
const band = fc.constantFrom(...LENGTH_BANDS);

const analysisState: fc.Arbitrary<AnalysisState> = fc.record({
	measure: fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
	filters: fc.record({
		clinic: labels,
		therapist: labels,
		condition: labels,
		technique: labels,
		age_band: labels,
		sex: labels,
		length_band: fc.array(band, { maxLength: 4 }),
		from: fc.option(date),
		to: fc.option(date)
	}),
	select: fc.record({
		condition: fc.option(label),
		technique: fc.option(label),
		length_band: fc.option(band),
		sessions: fc.option(fc.integer({ min: 1, max: 65_535 }))
	}),
	metric: fc.constantFrom(...METRICS),
	adjust: fc.constantFrom(...ADJUSTS),
	trend: fc.constantFrom(...TRENDS),
	axis: fc.constantFrom(...AXES),
	facet: fc.constantFrom(...FACETS),
	providers: fc.constantFrom(...PROVIDERS),
	mix: fc.constantFrom(...MIX_FACTORS),
	minPatients: fc.integer({ min: 2, max: 50 }),
	threshold: fc.option(positive),
	target: fc.option(finite),
	tables: fc.boolean(),
	stallAfter: fc.integer({ min: 1, max: 50 }),
	overdueWeeks: fc.integer({ min: 1, max: 104 }),
	sort: fc.constantFrom(...PATIENT_SORTS),
	search: label,
	compare: fc.array(fc.integer({ min: 1, max: MAX_EPISODE }), { maxLength: 4 })
});

it('reads back every state it writes, with nothing dropped', () => {
	fc.assert(
		fc.property(analysisState, (state) => {
			expect(decode(encode(state))).toEqual({ state, dropped: [] });
		}),
		{ numRuns: 500 }
	);
});

it('reads any query string without throwing, into a state it can write and read back', () => {
	const key = fc.constantFrom(
		'v',
		'measure',
		'clinic',
		'length_band',
		'from',
		'select.sessions',
		'metric',
		'minPatients',
		'threshold',
		'target',
		'tables',
		'compare',
		'search',
		'x'
	);
	const value = fc.oneof(label, fc.integer().map(String), date, fc.double().map(String));
	const query = fc
		.array(fc.tuple(key, value), { maxLength: 8 })
		.map((pairs) => new URLSearchParams(pairs).toString());
	fc.assert(
		fc.property(query, (search) => {
			const { state } = decode(search);
			expect(decode(encode(state))).toEqual({ state, dropped: [] });
		}),
		{ numRuns: 500 }
	);
});
