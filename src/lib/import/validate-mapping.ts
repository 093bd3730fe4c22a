import { PlainError } from '../errors/user-error';
import { MEASURE_PRESETS } from '../measures/presets';
import { BUILT_IN_MEASURES } from '../measures/registry';
import type { Mapping } from './mapping';
import { placeName } from './mapping-names';
import { schemaProblems, type MappingProblem } from './schema-problems';

export type { MappingProblem };

/** A mapping that cannot be used, with every reason; the message is the first, in plain words. */
export class MappingError extends PlainError {
	constructor(readonly problems: readonly MappingProblem[]) {
		const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
		super(`The mapping cannot be used: ${problems[0]?.message ?? 'it is empty.'}${more}`);
	}
}

const KNOWN_KEYS = new Set([...BUILT_IN_MEASURES, ...MEASURE_PRESETS].map((m) => m.key));

/** What a schema cannot say: a range must be a range, keys unique, measures defined somewhere. */
function meaningProblems(mapping: Mapping): MappingProblem[] {
	const problems: MappingProblem[] = [];
	const at = (path: string[], says: string) =>
		problems.push({ path: path.join('/'), message: `${placeName(path, mapping)} ${says}.` });
	const custom = mapping.customMeasures ?? [];
	custom.forEach((m, i) => {
		if (!(m.max > m.min)) at(['customMeasures', String(i), 'max'], 'must be above "From"');
		if (custom.findIndex((o) => o.key === m.key) < i)
			at(['customMeasures', String(i), 'key'], `is "${m.key}", as another custom measure's`);
	});
	const defined = new Set([...KNOWN_KEYS, ...custom.map((m) => m.key)]);
	for (const key of Object.keys(mapping.measures).filter((k) => !defined.has(k))) {
		at(
			['measures', key],
			'is not a known measure: define it as a custom measure (label, unit, range, direction, MCID)'
		);
	}
	return problems;
}

/**
 * Every way `candidate` is not a usable mapping, in plain words — from the import screen,
 * localStorage or a file alike. It is checked as JSON, as it is saved: a number input left empty
 * (null) or NaN is "not a number", and `undefined` entries are absent.
 */
export function mappingProblems(candidate: unknown): MappingProblem[] {
	if (candidate === undefined) return [{ path: '', message: 'There is no mapping.' }];
	const json: unknown = JSON.parse(JSON.stringify(candidate));
	const structure = schemaProblems(json);
	return structure.length ? structure : meaningProblems(json as Mapping);
}

/** The mapping as checked (a plain JSON copy), or a MappingError saying what is wrong. */
export function checkedMapping(candidate: unknown): Mapping {
	const problems = mappingProblems(candidate);
	if (problems.length) throw new MappingError(problems);
	return JSON.parse(JSON.stringify(candidate)) as Mapping;
}

/** A custom measure about to be added: what is wrong with it, if anything. */
export const measureProblems = (measure: unknown): MappingProblem[] =>
	mappingProblems({ layout: 'wide', fields: {}, measures: {}, customMeasures: [measure] });
