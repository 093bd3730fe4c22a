import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import schema from '../../../docs/mapping.schema.json';
import { placeName } from './mapping-names';

/**
 * docs/mapping.schema.json, checked by @cfworker/json-schema: it interprets the schema instead
 * of compiling it with new Function (as ajv does), which the app's Content-Security-Policy
 * forbids. The same validator runs in the browser and in the command line.
 */
const validator = new Validator(schema as Schema, '2020-12', false);

export interface MappingProblem {
	/** Where, as a JSON pointer without the leading `#/`: `customMeasures/0/min`. */
	path: string;
	/** A plain sentence: `Measure "Oswestry": "From" must be a number.` */
	message: string;
}

type Node = Record<string, unknown>;
const decode = (part: string) =>
	decodeURIComponent(part).replaceAll('~1', '/').replaceAll('~0', '~');
const partsOf = (pointer: string) =>
	pointer.replace(/^#\/?/, '').split('/').filter(Boolean).map(decode);
const child = (node: unknown, key: string): Node =>
	((node as Node | undefined)?.[key] ?? {}) as Node;

/** The schema object holding an error's keyword, following `$ref`s as the validator did. */
function schemaOf(keywordLocation: string): Node {
	let node: Node = schema as Node;
	for (const part of partsOf(keywordLocation).slice(0, -1)) {
		node = part === '$ref' ? schemaOf(`${String(node.$ref)}/_`) : child(node, part);
	}
	return node;
}

const TYPES: Record<string, string> = {
	number: 'a number',
	integer: 'a whole number',
	string: 'text',
	array: 'a list',
	object: 'a set of named entries',
	null: 'null'
};
/** What a value that matched none of a oneOf / anyOf must be, by where it is. */
const choice = (path: string[]) =>
	path.at(-1) === 'mcid'
		? 'must be null (no validated one) or points or a % of baseline, with a source'
		: 'must be a column name, a list of column names, or one value for every row';

function predicate(e: OutputUnit, node: Node, path: string[]): string | null {
	switch (e.keyword) {
		case 'type':
			return `must be ${TYPES[String(node.type)] ?? String(node.type)}`;
		case 'enum':
			return `must be one of: ${(node.enum as unknown[]).join(', ')}`;
		case 'minLength':
			return 'must not be empty';
		case 'propertyNames':
			return 'cannot include an empty value';
		case 'minItems':
			return 'must name at least one column';
		case 'pattern':
			return 'must start with a lower-case letter and hold only a–z, 0–9 and _';
		case 'minimum':
			return `must be ${String(node.minimum)} or more`;
		case 'exclusiveMinimum':
			return `must be above ${String(node.exclusiveMinimum)}`;
		case 'oneOf':
		case 'anyOf':
			return choice(path);
		case 'false':
			return 'is not something a mapping can hold here';
		default:
			return null; // a wrapper (properties, items, $ref…): its inner errors say what is wrong
	}
}

/**
 * Of a oneOf's alternatives, the one of the value's own type explains best what is wrong
 * (a column name that is empty); when no alternative has that type, the oneOf itself does.
 */
function relevant(errors: readonly OutputUnit[]): OutputUnit[] {
	const dropped = new Set<OutputUnit>();
	for (const o of errors.filter((e) => e.keyword === 'oneOf')) {
		const under = errors.filter((e) => e.keywordLocation.startsWith(`${o.keywordLocation}/`));
		const branchOf = (e: OutputUnit) =>
			e.keywordLocation.slice(o.keywordLocation.length + 1).split('/')[0];
		const mistyped = new Set(
			under
				.filter(
					(e) =>
						e.keyword === 'type' &&
						partsOf(e.keywordLocation).length === partsOf(o.keywordLocation).length + 2
				)
				.map(branchOf)
		);
		const typed = [...new Set(under.map(branchOf))].filter((b) => !mistyped.has(b));
		const keep = typed.length === 1 ? typed[0] : null;
		if (keep !== null) dropped.add(o);
		for (const e of under) if (branchOf(e) !== keep) dropped.add(e);
		// An unknown entry is reported at the entry's own location, outside the oneOf.
		if (keep === null)
			for (const e of errors)
				if (e.keyword === 'false' && e.instanceLocation.startsWith(`${o.instanceLocation}/`))
					dropped.add(e);
	}
	// An anyOf's alternatives are each incomplete, and a propertyNames error repeats its inner
	// one at the object: each is said once, by its own message.
	for (const a of errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'propertyNames')) {
		for (const e of errors)
			if (e.keywordLocation.startsWith(`${a.keywordLocation}/`)) dropped.add(e);
	}
	return errors.filter((e) => !dropped.has(e));
}

/** Where docs/mapping.schema.json is not followed, each place in plain words. */
export function schemaProblems(candidate: unknown): MappingProblem[] {
	const { valid, errors } = validator.validate(candidate);
	if (valid) return [];
	const problems = relevant(errors).flatMap((e) => {
		const path = partsOf(e.instanceLocation);
		const node = schemaOf(e.keywordLocation);
		if (e.keyword === 'required') {
			const here = path.reduce<unknown>((v, p) => child(v, p), candidate) as Node;
			return (node.required as string[])
				.filter((p) => !(p in here))
				.map((p) => ({
					path: [...path, p].join('/'),
					message: `${placeName([...path, p], candidate)} is missing.`
				}));
		}
		const says = predicate(e, node, path);
		return says
			? [{ path: path.join('/'), message: `${placeName(path, candidate)} ${says}.` }]
			: [];
	});
	// The validator may reach one place twice (a required entry through `if` and the top level).
	return problems.filter((p, i) => problems.findIndex((q) => q.message === p.message) === i);
}
