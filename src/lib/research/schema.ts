/** One row of schemaQuery. */
export interface SchemaRow {
	table: string;
	kind: 'dataset' | 'analysis';
	column: string;
	type: string;
}

export interface SchemaTable {
	name: string;
	kind: 'dataset' | 'analysis';
	columns: { name: string; type: string }[];
}

/** The schema list's rows (already in table, column order) as one entry per table. */
export function schemaTables(rows: readonly SchemaRow[]): SchemaTable[] {
	const tables: SchemaTable[] = [];
	for (const { table, kind, column, type } of rows) {
		const last = tables.at(-1);
		if (last?.name === table) last.columns.push({ name: column, type });
		else tables.push({ name: table, kind, columns: [{ name: column, type }] });
	}
	return tables;
}

/** A type as a header shows it: an ENUM's members are many and long, so only its kind (the
 * whole type stays in the title). */
export const shortType = (type: string) => (/^ENUM\(/i.test(type) ? 'ENUM' : type);
