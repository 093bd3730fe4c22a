import { SHEET_ROW, SOURCE_ROW } from './types';

/**
 * Header cells as staging column names: stray whitespace trimmed, empty ones named by position,
 * repeats numbered, and never one of the staging table's own bookkeeping names.
 */
export function stagingColumnNames(header: readonly unknown[]): string[] {
	const taken = new Set<string>([SOURCE_ROW, SHEET_ROW]);
	return header.map((cell, i) => {
		// SQL identifiers cannot hold NUL: it is dropped from header names (never from data).
		const text = String(cell ?? '').replaceAll('\0', '');
		const base = text.replace(/\s+/g, ' ').trim() || `column ${i + 1}`;
		let name = base;
		for (let k = 2; taken.has(name.toLowerCase()) || taken.has(name); k++) name = `${base} (${k})`;
		taken.add(name.toLowerCase());
		return name;
	});
}
