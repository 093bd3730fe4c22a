import type { Mapping } from '../import/mapping';

const PREFIX = 'massage-outcomes:mapping:';

/** A source is recognised by its set of column names: the same export next month maps the same. */
const keyOf = (columns: readonly string[]) => PREFIX + [...columns].sort().join('\u001f');

export function recallMapping(
	columns: readonly string[],
	storage = globalThis.localStorage
): Mapping | null {
	try {
		const text = storage?.getItem(keyOf(columns));
		return text ? (JSON.parse(text) as Mapping) : null;
	} catch {
		return null;
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
