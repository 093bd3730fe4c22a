import { MEASURE_PRESETS } from '../measures/presets';
import { BUILT_IN_MEASURES } from '../measures/registry';
import type { FieldKey } from './synonyms';

/** What the import screen calls each field; messages about a mapping use the same words. */
export const FIELD_LABELS: Record<FieldKey, string> = {
	patient: 'Patient',
	date: 'Session date',
	visit: 'Visit / week number',
	condition: 'Condition',
	technique: 'Technique',
	clinic: 'Clinic',
	therapist: 'Therapist',
	minutes: 'Session minutes',
	age: 'Age (years)',
	age_band: 'Age band',
	sex: 'Sex',
	notes: 'Notes'
};

/** A custom measure's entries, as the "New measure" form labels them. */
const MEASURE_ENTRIES: Record<string, string> = {
	key: 'Key',
	label: 'Name',
	instrument: 'Instrument',
	unit: 'Unit',
	min: 'From',
	max: 'To',
	better: 'Better is',
	mcid: 'Clinically important change',
	points: 'Clinically important change, points',
	percent: 'Clinically important change, % of baseline',
	source: 'Source of the clinically important change'
};

const TOP: Record<string, string> = {
	layout: 'Layout',
	fields: 'Fields',
	measures: 'Measures',
	long: 'Measure and value columns (long layout)',
	customMeasures: 'Custom measures',
	valueAliases: 'Renamed values',
	dateOrder: 'Date order',
	timeUnit: 'What the visit column counts',
	episodeGapDays: 'Days without a session before a new episode'
};

/** Long texts (a label, a value) are cut so a message stays one readable line. */
const short = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
const quoted = (text: string) => `"${short(text)}"`;
const record = (v: unknown): Record<string, unknown> =>
	v && typeof v === 'object' ? (v as Record<string, unknown>) : {};

const measureLabel = (key: string) =>
	[...BUILT_IN_MEASURES, ...MEASURE_PRESETS].find((m) => m.key === key)?.label ?? key;

/**
 * A place in a mapping (a JSON pointer's parts) in the words of the import screen:
 * `customMeasures/0/min` → `Measure "Oswestry": "From"`, `fields/patient` → `"Patient"`.
 */
export function placeName(path: readonly string[], mapping: unknown): string {
	const [top, second, ...rest] = path;
	if (top === undefined) return 'The mapping';
	if (top === 'fields' && second !== undefined) {
		const field = quoted(FIELD_LABELS[second as FieldKey] ?? second);
		if (rest[0] === 'constant') return `${field} for every row`;
		return rest[0] === undefined ? field : `${field}, part ${Number(rest[0]) + 1}`;
	}
	if (top === 'measures' && second !== undefined) return `Measure ${quoted(measureLabel(second))}`;
	if (top === 'customMeasures' && second !== undefined) {
		const measure = record(record(mapping).customMeasures)[second];
		const { label, key } = record(measure);
		const name = typeof label === 'string' && label ? label : typeof key === 'string' ? key : '';
		const which = name ? `Measure ${quoted(name)}` : `Custom measure ${Number(second) + 1}`;
		const entry = rest.at(-1);
		return entry === undefined ? which : `${which}: "${MEASURE_ENTRIES[entry] ?? entry}"`;
	}
	if (top === 'valueAliases' && second !== undefined) {
		const field = FIELD_LABELS[second as FieldKey] ?? second;
		return rest[0] === undefined
			? `Renamed ${field} values`
			: `The new name of ${field} ${quoted(rest[0])}`;
	}
	if (top === 'long' && second !== undefined)
		return second === 'measureColumn' ? '"Measure column"' : '"Value column"';
	return `"${TOP[top] ?? top}"`;
}
