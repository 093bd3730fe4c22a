/**
 * A cell that a spreadsheet would run as a formula (= + - @, or a leading tab or carriage
 * return) gets a leading apostrophe: exported file contents must never execute (OWASP CSV
 * injection). The original stays visible after the apostrophe.
 */
export function neutraliseFormula(cell: string): string {
	return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function field(value: unknown): string {
	if (value === null || value === undefined) return '';
	const text = neutraliseFormula(String(value));
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with a header row, safe to open in a spreadsheet. */
export function toCsv(
	columns: readonly string[],
	rows: readonly Record<string, unknown>[]
): string {
	const lines = [columns.map(field).join(',')];
	for (const row of rows) lines.push(columns.map((c) => field(row[c])).join(','));
	return `${lines.join('\r\n')}\r\n`;
}
