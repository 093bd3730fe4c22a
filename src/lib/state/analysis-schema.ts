import {
	choice,
	decimal,
	flag,
	isoDate,
	name,
	oneOfNumbers,
	text,
	wholeNumber,
	type Codec
} from './analysis-codecs';
import {
	ADJUSTS,
	AXES,
	FACETS,
	PROVIDERS,
	LENGTH_BANDS,
	MAX_SESSIONS,
	METRICS,
	MIN_PATIENTS,
	MAX_EPISODE,
	OVERDUE_WEEKS,
	STALL_AFTER,
	TRENDS,
	defaultState,
	type AnalysisState
} from './analysis-state';
import { MIX_FACTORS } from '../stats/case-mix-shares';
import { PATIENT_SORTS } from '../stats/patient-list';

/**
 * One address parameter: writes its part of the state, and reads it back, naming in `dropped`
 * every text it refuses. The table below is the schema of version 1: its order is the order
 * of the address, so the same state always gives the same link.
 */
export interface Param {
	key: string;
	/** What it holds and which values it takes (documentation, and what `dropped` says). */
	rule: string;
	write(state: AnalysisState, out: URLSearchParams): void;
	read(texts: readonly string[], draft: AnalysisState, dropped: string[]): void;
}

/** Long or odd texts are shortened in messages: they are echoed, not trusted. */
const shown = (t: string) => (t.length > 40 ? `${t.slice(0, 40)}…` : t);
export const ignored = (key: string, t: string, why: string) =>
	`Ignored ${key}=${shown(t)}: ${why}`;

const DEFAULT = defaultState();

/** Where a parameter's value sits in the state; its key is the field's name. */
interface Place<T> {
	key: string;
	get(s: AnalysisState): T;
	set(s: AnalysisState, v: T): void;
}
type Top = Exclude<keyof AnalysisState, 'filters' | 'select'>;
type Filters = AnalysisState['filters'];
type Select = AnalysisState['select'];
const top = <K extends Top>(k: K): Place<AnalysisState[K]> => ({
	key: k,
	get: (s) => s[k],
	set: (s, v) => void (s[k] = v)
});
const filter = <K extends keyof Filters>(k: K): Place<Filters[K]> => ({
	key: k,
	get: (s) => s.filters[k],
	set: (s, v) => void (s.filters[k] = v)
});
const selected = <K extends keyof Select>(k: K): Place<Select[K]> => ({
	key: `select.${k}`,
	get: (s) => s.select[k],
	set: (s, v) => void (s.select[k] = v)
});

/** A single value; not written when it is null or its default. */
function one<T>({ key, get, set }: Place<T>, codec: Codec<NonNullable<T>>): Param {
	const fallback = get(DEFAULT);
	return {
		key,
		rule: codec.rule,
		write(state, out) {
			const v = get(state);
			if (v !== null && !Object.is(v, fallback)) out.append(key, codec.format(v as NonNullable<T>));
		},
		read(texts, draft, dropped) {
			let taken = false;
			for (const t of texts) {
				const v = codec.parse(t);
				if (v === undefined) dropped.push(ignored(key, t, codec.rule));
				else if (taken) dropped.push(ignored(key, t, `only the first ${key} is used`));
				else {
					set(draft, v);
					taken = true;
				}
			}
		}
	};
}

/** A list, written as repeated parameters (clinic=A&clinic=B), so commas in labels are safe. */
function many<T>({ key, get, set }: Place<T[]>, codec: Codec<T>): Param {
	return {
		key,
		rule: codec.rule || 'any label, repeated for several',
		write: (state, out) => get(state).forEach((v) => out.append(key, codec.format(v))),
		read(texts, draft, dropped) {
			const values: T[] = [];
			for (const t of texts) {
				const v = codec.parse(t);
				if (v === undefined) dropped.push(ignored(key, t, codec.rule));
				else values.push(v);
			}
			set(draft, values);
		}
	};
}

const lengthBand = oneOfNumbers(LENGTH_BANDS, 'session length is 15, 30, 45 or 60 minutes');
const { min, max } = MIN_PATIENTS;

export const PARAMS: readonly Param[] = [
	one(top('measure'), name('a measure')),
	many(filter('clinic'), text),
	many(filter('therapist'), text),
	many(filter('condition'), text),
	many(filter('technique'), text),
	many(filter('age_band'), text),
	many(filter('sex'), text),
	many(filter('length_band'), lengthBand),
	one(filter('from'), isoDate),
	one(filter('to'), isoDate),
	one(selected('condition'), text),
	one(selected('technique'), text),
	one(selected('length_band'), lengthBand),
	one(
		selected('sessions'),
		wholeNumber(1, MAX_SESSIONS, `not a whole number of sessions from 1 to ${MAX_SESSIONS}`)
	),
	one(top('metric'), choice(METRICS, 'the matrix colour is')),
	one(top('adjust'), choice(ADJUSTS, 'the forest plot shows')),
	one(top('trend'), choice(TRENDS, 'the trend shows')),
	one(top('axis'), choice(AXES, 'the trend runs along')),
	one(top('facet'), choice(FACETS, 'the trend is split by')),
	one(top('providers'), choice(PROVIDERS, 'the director compares')),
	one(top('mix'), choice(MIX_FACTORS, 'the case mix is shown by')),
	one(top('minPatients'), wholeNumber(min, max, `not a whole number from ${min} to ${max}`)),
	one(
		top('threshold'),
		decimal((n) => n > 0, 'the responder threshold is a number above 0')
	),
	one(
		top('target'),
		decimal(() => true, 'the target is a number')
	),
	one(top('tables'), flag('tables')),
	one(
		top('stallAfter'),
		wholeNumber(
			STALL_AFTER.min,
			STALL_AFTER.max,
			`not a whole number of sessions from ${STALL_AFTER.min} to ${STALL_AFTER.max}`
		)
	),
	one(
		top('overdueWeeks'),
		wholeNumber(
			OVERDUE_WEEKS.min,
			OVERDUE_WEEKS.max,
			`not a whole number of weeks from ${OVERDUE_WEEKS.min} to ${OVERDUE_WEEKS.max}`
		)
	),
	one(top('sort'), choice(PATIENT_SORTS, 'the patient list is sorted by')),
	one(top('search'), text),
	many(top('compare'), wholeNumber(1, MAX_EPISODE, 'not an episode number'))
];
