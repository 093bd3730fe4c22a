import type { Table } from 'apache-arrow';

/**
 * A (small, aggregated) result as plain row objects, for display and reports. Never for session
 * rows: those stay in DuckDB.
 */
export function rowObjects<T = Record<string, unknown>>(table: Table | null | undefined): T[] {
	return (table?.toArray() ?? []).map((row) => row.toJSON() as T);
}
