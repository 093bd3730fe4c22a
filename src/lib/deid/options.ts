import type { DeidFormat } from './files';
import {
	DEFAULT_K,
	DEFAULT_MAX_SUPPRESSED,
	DEFAULT_QUASI,
	isQuasiField,
	QUASI_FIELDS,
	type QuasiField
} from './quasi-identifiers';

export interface DeidOptions {
	/** Every combination of quasi-identifiers exported is shared by at least k patients. */
	k: number;
	quasi: readonly QuasiField[];
	/** Notes are free text: exported only when asked, with a warning in the report. */
	includeNotes: boolean;
	format: DeidFormat;
	/** Also the condition × technique summary per measure, cells < 11 patients suppressed. */
	aggregate: boolean;
	/** Share of episodes that may be suppressed before the next generalisation is applied. */
	maxSuppressedShare: number;
	/** Random bytes (the pseudonyms' secret): crypto.getRandomValues; tests pass a seeded one. */
	randomBytes: (n: number) => Uint8Array;
	/** The source files' columns, when known (command line): those not imported are listed. */
	sourceColumns: readonly { file: string; column: string; mappedTo: string | null }[];
}

export class DeidOptionsError extends Error {}

const cryptoBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));

/** The options, defaults filled in; anything out of range refused in plain words. */
export function checkedOptions(given: Partial<DeidOptions>): DeidOptions {
	const o: DeidOptions = {
		k: DEFAULT_K,
		quasi: DEFAULT_QUASI,
		includeNotes: false,
		format: 'csv',
		aggregate: false,
		maxSuppressedShare: DEFAULT_MAX_SUPPRESSED,
		randomBytes: cryptoBytes,
		sourceColumns: [],
		...given
	};
	if (!Number.isSafeInteger(o.k) || o.k < 2 || o.k > 1000) {
		throw new DeidOptionsError(`k must be a whole number from 2 to 1000, not ${o.k}.`);
	}
	const unknown = o.quasi.filter((f) => !isQuasiField(f));
	if (unknown.length) {
		throw new DeidOptionsError(
			`Not a quasi-identifier: ${unknown.join(', ')}. Choose from ${QUASI_FIELDS.join(', ')}.`
		);
	}
	if (new Set(o.quasi).size < o.quasi.length) {
		throw new DeidOptionsError(`A quasi-identifier is named twice: ${o.quasi.join(', ')}.`);
	}
	if (!(o.maxSuppressedShare >= 0 && o.maxSuppressedShare <= 1)) {
		throw new DeidOptionsError(
			'The share of episodes that may be suppressed must be from 0 to 1 (0–100 %).'
		);
	}
	if (o.format !== 'csv' && o.format !== 'parquet') {
		throw new DeidOptionsError(`The format must be csv or parquet, not ${String(o.format)}.`);
	}
	return o;
}
