import type { Table } from 'apache-arrow';

/** An Arrow result as JSON text, comparable across engines (BigInt and Date made plain). */
export function toPlainJson(table: Table): string {
	const rows = table.toArray().map((r) => r.toJSON());
	return JSON.stringify(rows, (_key, value: unknown) =>
		typeof value === 'bigint' ? `${value}n` : value instanceof Date ? value.toISOString() : value
	);
}
