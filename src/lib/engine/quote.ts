/**
 * Quoting for the few places where SQL cannot take a bound parameter (identifiers, file names in
 * table functions, ENUM members in type definitions). Everything else is bound with `?`.
 */
export function quoteIdent(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

export function quoteString(value: string): string {
	const literal = `'${value.replaceAll("'", "''")}'`;
	// SQL text cannot carry a NUL character; data can, so it is spliced in as chr(0).
	return value.includes('\0') ? `(${literal.replaceAll('\0', "' || chr(0) || '")})` : literal;
}

/** Whether a value can be written as a plain literal (ENUM members allow nothing else). */
export const isPlainLiteral = (value: string) => !value.includes('\0');
