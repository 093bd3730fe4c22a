/**
 * The fields stored as categories: each distinct value read once through the label lookup
 * (aliases, renames, missing markers), and kept in `sessions` as an ENUM of the values present.
 * The age band is worked out from the age where there is one, else read from its own column.
 */
export const CATEGORIES = [
	'clinic',
	'therapist',
	'condition',
	'technique',
	'sex',
	'age_band'
] as const;

export type Category = (typeof CATEGORIES)[number];
