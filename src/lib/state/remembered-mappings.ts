import type { Mapping } from '../import/mapping';
import { mappingProblems } from '../import/validate-mapping';

const PREFIX = 'massage-outcomes:mapping:';

/** A source is recognised by its set of column names: the same export next month maps the same. */
const keyOf = (columns: readonly string[]) => PREFIX + [...columns].sort().join('\u001f');

/**
 * The mapping last used for these columns, with a note saying so (none: mapping null). One that
 * no longer validates (saved by an older version, or edited by hand) is dropped, and the note
 * says why, so it is neither used nor silently forgotten.
 */
export function recallMapping(
	columns: readonly string[],
	storage = globalThis.localStorage
): { mapping: Mapping | null; notes: string[] } {
	try {
		const text = storage?.getItem(keyOf(columns));
		if (!text) return { mapping: null, notes: [] };
		const candidate: unknown = JSON.parse(text);
		const [problem] = mappingProblems(candidate);
		if (problem) {
			storage.removeItem(keyOf(columns));
			return {
				mapping: null,
				notes: [
					`The mapping remembered for these columns was dropped, as it no longer fits: ${problem.message} A new one is suggested.`
				]
			};
		}
		return {
			mapping: candidate as Mapping,
			notes: ['Mapping remembered from the last import of a file with these columns.']
		};
	} catch {
		return { mapping: null, notes: [] };
	}
}

export function rememberMapping(
	columns: readonly string[],
	mapping: Mapping,
	storage = globalThis.localStorage
) {
	try {
		storage?.setItem(keyOf(columns), JSON.stringify(mapping));
	} catch {
		// Storage full or refused: the mapping is simply suggested afresh next time.
	}
}
