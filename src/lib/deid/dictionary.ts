import { csvText } from '../charts/frame/csv';

/** One column of an extract: what a researcher reads before the data. */
export interface DictionaryEntry {
	name: string;
	type: string;
	meaning: string;
	transformation: string;
}

const COLUMNS = [
	{ key: 'name', label: 'column' },
	{ key: 'type', label: 'type' },
	{ key: 'meaning', label: 'meaning' },
	{ key: 'transformation', label: 'how it was made' }
] as const;

/** The dictionary as CSV (quoting and formula neutralising as the chart tables' CSV). */
export const dictionaryCsv = (entries: readonly DictionaryEntry[]) => csvText(COLUMNS, entries);
