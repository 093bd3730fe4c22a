import type { ListFilter } from '../../state/analysis-chips';

/** One value a filter offers, with the episodes of care and patients it holds in the dataset. */
export interface OptionValue {
	value: string | number;
	episodes: number;
	patients: number;
}

export interface FilterOptions {
	field: ListFilter;
	values: OptionValue[];
}

/** What is left after a chip's filter (and those before it), as the parent counted it. */
export interface ChipCount {
	label: string;
	n: number;
	patients: number;
}
