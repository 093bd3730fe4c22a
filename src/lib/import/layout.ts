import type { Layout } from './mapping';
import { findSynonym, matchKey, MEASURE_SYNONYMS } from './synonyms';

const MEASURE_NAME_COLUMNS = [
	'measure',
	'outcome',
	'item',
	'variable',
	'test',
	'scale',
	'measure name',
	'outcome measure',
	'instrument',
	'parameter'
];
const VALUE_COLUMNS = ['value', 'score', 'result', 'measurement', 'val', 'reading'];

export interface LayoutGuess {
	layout: Layout;
	/** Long layout: which columns name the measure and hold the value. */
	long?: { measureColumn: string; valueColumn: string };
}

/**
 * REDCap exports are recognised by their own bookkeeping columns; a long file by a column naming
 * the measure next to one holding the value, and no column that is itself a measure.
 */
export function detectLayout(columns: readonly string[]): LayoutGuess {
	const keys = columns.map(matchKey);
	if (keys.includes('record id') && keys.includes('redcap event name')) return { layout: 'redcap' };
	const measureColumn = columns.find((c) => MEASURE_NAME_COLUMNS.includes(matchKey(c)));
	const valueColumn = columns.find((c) => VALUE_COLUMNS.includes(matchKey(c)));
	const hasMeasureColumn = columns.some((c) => findSynonym(c, MEASURE_SYNONYMS) !== null);
	if (measureColumn && valueColumn && !hasMeasureColumn) {
		return { layout: 'long', long: { measureColumn, valueColumn } };
	}
	return { layout: 'wide' };
}
