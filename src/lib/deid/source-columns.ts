import { sourceColumns, type Mapping } from '../import/mapping';
import type { StagedFile } from '../import/readers/types';
import type { DeidOptions } from './options';

/**
 * Each column of the files read and the field it was mapped to ('measure' for a score column,
 * null when the mapping left it out): what the report lists as never exported.
 */
export function sourceColumnsOf(
	staged: readonly Pick<StagedFile, 'file' | 'columns'>[],
	mapping: Mapping
): DeidOptions['sourceColumns'] {
	const to = new Map<string, string>();
	for (const [field, source] of Object.entries(mapping.fields)) {
		for (const column of sourceColumns(source)) to.set(column, field);
	}
	if (mapping.layout !== 'long') {
		for (const column of Object.values(mapping.measures)) to.set(column, 'measure');
	}
	if (mapping.long) {
		to.set(mapping.long.measureColumn, 'measure');
		to.set(mapping.long.valueColumn, 'measure');
	}
	return staged.flatMap((f) =>
		f.columns.map((column) => ({ file: f.file, column, mappedTo: to.get(column) ?? null }))
	);
}
