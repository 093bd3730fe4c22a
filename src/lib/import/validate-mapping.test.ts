import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Measure } from '../measures/registry';
import { checkedMapping, MappingError, mappingProblems, measureProblems } from './validate-mapping';

const base = { layout: 'wide', fields: { patient: 'ID', date: 'When' }, measures: { pain: 'P' } };
const odi: Measure = {
	key: 'oswestry',
	label: 'Oswestry',
	instrument: 'ODI',
	unit: 'points',
	min: 0,
	max: 100,
	better: 'lower',
	mcid: null
};
const messages = (candidate: unknown) => mappingProblems(candidate).map((p) => p.message);
const withMeasure = (m: Record<string, unknown>) => ({
	...base,
	customMeasures: [{ ...odi, ...m }]
});

describe('mapping validation', () => {
	it('accepts the documented example and a mapping as the import screen holds it', () => {
		const example: unknown = JSON.parse(
			readFileSync('docs/examples/cdystonia.mapping.json', 'utf8')
		);
		expect(mappingProblems(example)).toEqual([]);
		expect(mappingProblems({ ...base, long: undefined, dateOrder: undefined })).toEqual([]);
	});

	it('says, in the words of the form, that an empty number is not a number', () => {
		expect(mappingProblems(withMeasure({ min: null }))).toEqual([
			{ path: 'customMeasures/0/min', message: 'Measure "Oswestry": "From" must be a number.' }
		]);
		expect(messages(withMeasure({ max: NaN }))).toEqual([
			'Measure "Oswestry": "To" must be a number.'
		]);
		expect(messages(withMeasure({ max: Infinity }))).toEqual([
			'Measure "Oswestry": "To" must be a number.'
		]);
	});

	it('checks what a schema cannot: a range, unique keys, measures that exist', () => {
		expect(messages(withMeasure({ max: 0 }))).toEqual([
			'Measure "Oswestry": "To" must be above "From".'
		]);
		expect(messages({ ...base, customMeasures: [odi, { ...odi, label: 'ODI again' }] })).toEqual([
			'Measure "ODI again": "Key" is "oswestry", as another custom measure\'s.'
		]);
		expect(messages({ ...base, measures: { nonsense: 'Sleep' } })).toEqual([
			'Measure "nonsense" is not a known measure: define it as a custom measure (label, unit, range, direction, MCID).'
		]);
	});

	it('names each place that does not follow the schema, once', () => {
		expect(
			messages({
				layout: 'diagonal',
				fields: { patient: '', condition: { constant: '' }, clinic: 3, visit: [], foo: 'x' },
				measures: {},
				episodeGapDays: 1.5
			})
		).toEqual([
			'"Layout" must be one of: wide, long, redcap.',
			'"Patient" must not be empty.',
			'"Clinic" must be a column name, a list of column names, or one value for every row.',
			'"Condition" for every row must not be empty.',
			'"Visit / week number" must name at least one column.',
			'"foo" is not something a mapping can hold here.',
			'"Days without a session before a new episode" must be a whole number.'
		]);
		expect(messages({ fields: {} })).toEqual(['"Layout" is missing.', '"Measures" is missing.']);
		expect(messages({ ...base, layout: 'long' })).toEqual([
			'"Measure and value columns (long layout)" is missing.'
		]);
		expect(messages({ ...base, episodeGapDays: 0 })).toEqual([
			'"Days without a session before a new episode" must be 1 or more.'
		]);
		expect(messages({ ...base, valueAliases: { clinic: { '': 'x', a: '' } } })).toEqual([
			'Renamed Clinic values cannot include an empty value.',
			'The new name of Clinic "a" must not be empty.'
		]);
	});

	it('explains a clinically important change by the alternative it was meant to be', () => {
		expect(messages(withMeasure({ mcid: { points: -1 } }))).toEqual([
			'Measure "Oswestry": "Source of the clinically important change" is missing.',
			'Measure "Oswestry": "Clinically important change, points" must be above 0.'
		]);
		expect(messages(withMeasure({ mcid: { source: 'a paper' } }))).toEqual([
			'Measure "Oswestry": "Clinically important change" must be null (no validated one) or points or a % of baseline, with a source.'
		]);
	});

	it('hands back a checked plain copy, or a MappingError with every problem', () => {
		expect(checkedMapping({ ...base, long: undefined })).toEqual(base);
		const refused = (() => {
			try {
				checkedMapping(withMeasure({ min: null, max: null }));
			} catch (e) {
				return e;
			}
		})();
		expect(refused).toBeInstanceOf(MappingError);
		expect((refused as MappingError).message).toBe(
			'The mapping cannot be used: Measure "Oswestry": "From" must be a number. (and 1 more)'
		);
		expect((refused as MappingError).problems).toHaveLength(2);
	});

	it('checks a single custom measure for the form that adds it', () => {
		expect(measureProblems(odi)).toEqual([]);
		expect(measureProblems({ ...odi, label: '', key: '' }).map((p) => p.message)).toEqual([
			'Custom measure 1: "Key" must start with a lower-case letter and hold only a–z, 0–9 and _.',
			'Custom measure 1: "Name" must not be empty.'
		]);
	});
});
