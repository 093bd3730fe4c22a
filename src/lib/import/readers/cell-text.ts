/** A staged cell: text exactly as the source holds it, or NULL when the source has nothing. */
export type Cell = string | null;

const DAY_MS = 86_400_000;

/**
 * One source value as staged text. Types are decided later in SQL, so nothing may be lost here:
 * numbers use their shortest round-trip form (7.5, 10, 0.3), dates are ISO, and anything
 * structured keeps its JSON text.
 */
export function cellText(value: unknown): Cell {
	if (value === null || value === undefined || value === '') return null;
	switch (typeof value) {
		case 'string':
			return value;
		case 'number':
		case 'bigint':
			return String(value);
		case 'boolean':
			return value ? 'true' : 'false';
	}
	if (value instanceof Date) return isoDateTime(value.getTime());
	if (value instanceof Uint8Array)
		return Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('');
	// JSON.stringify throws on BigInt, which Parquet integers inside lists and structs are.
	return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** UTC milliseconds as "YYYY-MM-DD", with "THH:MM:SS[.mmm]" only when there is a time of day. */
export function isoDateTime(ms: number): Cell {
	if (!Number.isFinite(ms)) return null;
	const iso = new Date(ms).toISOString();
	if (ms % DAY_MS === 0) return iso.slice(0, 10);
	return iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
}
