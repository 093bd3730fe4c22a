/**
 * Quoting for the few places where SQL cannot take a bound parameter (identifiers, file names in
 * table functions, constants of views). Everything else is bound with `?`.
 */
export function quoteIdent(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

export function quoteString(value: string): string {
	const literal = `'${value.replaceAll("'", "''")}'`;
	// SQL text cannot carry a NUL character; data can, so it is spliced in as chr(0).
	return value.includes('\0') ? `(${literal.replaceAll('\0', "' || chr(0) || '")})` : literal;
}

/**
 * A number written into SQL text, where it cannot be bound (a view's constants): only a finite
 * one. NaN or Infinity would become an identifier or an engine error, never a value.
 */
export function numberLiteral(value: number): string {
	if (!Number.isFinite(value)) throw new Error(`${value} is not a finite number.`);
	return String(value);
}
