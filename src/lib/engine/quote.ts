/**
 * Quoting for the few places where SQL cannot take a bound parameter (identifiers, file names in
 * table functions, ENUM members in type definitions). Everything else is bound with `?`.
 */
export function quoteIdent(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

export function quoteString(value: string): string {
	return `'${value.replaceAll("'", "''")}'`;
}
