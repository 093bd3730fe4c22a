/**
 * How clinics name things. Headers and values are compared by a key that ignores case, spacing,
 * punctuation and units in brackets, so `Pain (0-10)`, `pain_score` and ` PAIN ` all read "pain".
 */
export function matchKey(text: string): string {
	return text
		.toLowerCase()
		.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

export type FieldKey =
	| 'patient'
	| 'clinic'
	| 'therapist'
	| 'condition'
	| 'technique'
	| 'date'
	| 'visit'
	| 'minutes'
	| 'age'
	| 'age_band'
	| 'sex'
	| 'notes';

export const FIELD_SYNONYMS: Record<FieldKey, string[]> = {
	patient: [
		'patient',
		'patient id',
		'patient no',
		'patient number',
		'pid',
		'client',
		'client id',
		'record id',
		'subject',
		'subject id',
		'participant',
		'participant id',
		'id',
		'mrn',
		'case id'
	],
	clinic: ['clinic', 'site', 'location', 'practice', 'centre', 'center', 'branch', 'clinic name'],
	therapist: [
		'therapist',
		'practitioner',
		'provider',
		'clinician',
		'lmt',
		'massage therapist',
		'staff',
		'therapist name',
		'treating therapist'
	],
	condition: [
		'condition',
		'diagnosis',
		'dx',
		'complaint',
		'chief complaint',
		'indication',
		'problem',
		'presenting complaint',
		'primary diagnosis'
	],
	technique: [
		'technique',
		'modality',
		'treatment',
		'therapy',
		'intervention',
		'massage type',
		'treatment type',
		'treat',
		'arm',
		'group',
		'massage technique'
	],
	date: [
		'date',
		'session date',
		'visit date',
		'appointment date',
		'appt date',
		'treatment date',
		'date of service',
		'dos',
		'service date',
		'session day'
	],
	visit: [
		'visit',
		'visit no',
		'visit number',
		'session',
		'session no',
		'session number',
		'session nr',
		'week',
		'weeks',
		'day',
		'month',
		'time point',
		'timepoint',
		'encounter'
	],
	minutes: [
		'minutes',
		'duration',
		'length',
		'session length',
		'session minutes',
		'duration min',
		'mins',
		'min',
		'session duration',
		'time min'
	],
	age: ['age', 'age years', 'age yrs', 'age at visit'],
	age_band: ['age band', 'age group', 'age range', 'age bracket'],
	sex: ['sex', 'gender'],
	notes: ['notes', 'note', 'comments', 'comment', 'remarks', 'soap', 'narrative', 'session notes']
};

/** Measure key → header synonyms (built-ins and presets). */
export const MEASURE_SYNONYMS: Record<string, string[]> = {
	pain: [
		'pain',
		'pain score',
		'nprs',
		'nrs',
		'pain nrs',
		'pain nprs',
		'pain rating',
		'pain level',
		'pain intensity',
		'vas pain',
		'pain vas',
		'pain pre',
		'pre pain',
		'pain before'
	],
	pain_post: ['pain post', 'post pain', 'pain after', 'pain after session'],
	flexibility: ['flexibility', 'rom', 'range of motion', 'mobility', 'flex', 'rom percent'],
	sleep: ['sleep', 'sleep quality', 'sleep score', 'sleep rating'],
	stress: ['stress', 'stress level', 'stress score', 'stress rating'],
	odi: ['odi', 'oswestry', 'oswestry disability index', 'odi score'],
	ndi: ['ndi', 'neck disability index', 'ndi score'],
	psfs: ['psfs', 'patient specific functional scale'],
	twstrs: ['twstrs', 'twstrs total']
};

/**
 * Words that make a header about a detail of a thing rather than the thing: "Location
 * coordinates" is no clinic, "Patient email" no patient, "Date of birth" no session date.
 */
const DETAIL_WORDS = new Set(
	['coordinates', 'coordinate', 'latitude', 'longitude', 'lat', 'lon', 'lng', 'gps'].concat([
		'address',
		'postcode',
		'zip',
		'phone',
		'email',
		'url',
		'birth',
		'dob'
	])
);

/**
 * The synonym `key` names, if any: whole match first, then a synonym followed by more words
 * (`Pain score 0-10`), unless those words name a detail of it.
 */
export function findSynonym<K extends string>(
	header: string,
	table: Record<K, string[]>,
	taken: ReadonlySet<string> = new Set()
): K | null {
	const key = matchKey(header);
	const entries = Object.entries(table) as [K, string[]][];
	const free = entries.filter(([k]) => !taken.has(k));
	const qualifies = (w: string) =>
		key.startsWith(`${w} `) &&
		!key
			.slice(w.length + 1)
			.split(' ')
			.some((word) => DETAIL_WORDS.has(word));
	return (
		free.find(([, words]) => words.includes(key))?.[0] ??
		free.find(([, words]) => words.some(qualifies))?.[0] ??
		null
	);
}
