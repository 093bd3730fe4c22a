/** A small RFC 4180 writer and encoder for the round-trip property: the file a clinic would send. */

export type Delimiter = ',' | ';' | '\t' | '|';
export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

export interface Dialect {
	delimiter: Delimiter;
	eol: '\n' | '\r\n';
	encoding: FileEncoding;
	quoteAll: boolean;
	/** Decimals written 7,5 (only honoured when the delimiter is not a comma). */
	decimalComma: boolean;
	/** Whether the last record ends with a line break too (exports differ). */
	finalEol: boolean;
}

function field(value: string, d: Dialect): string {
	const needs =
		value.includes(d.delimiter) || /["\r\n]/.test(value) || value !== value.replace(/^ +| +$/g, '');
	return d.quoteAll || needs ? `"${value.replaceAll('"', '""')}"` : value;
}

export function writeCsv(header: readonly string[], records: readonly string[][], d: Dialect) {
	const lines = [header, ...records].map((r) => r.map((v) => field(v, d)).join(d.delimiter));
	return lines.join(d.eol) + (d.finalEol ? d.eol : '');
}

/** Windows-1252 as the WHATWG decoder the importer uses reads it: every byte is some character. */
const CP1252 = new Map(
	Array.from({ length: 256 }, (_, b) => [
		new TextDecoder('windows-1252').decode(new Uint8Array([b])),
		b
	])
);
/** Every character Windows-1252 can hold, for tables that must stay encodable in it. */
export const CP1252_CHARS = [...CP1252.keys()];

function encode1252(text: string): Uint8Array<ArrayBuffer> | null {
	const bytes: number[] = [];
	for (const c of text) {
		const b = CP1252.get(c);
		if (b === undefined) return null;
		bytes.push(b);
	}
	return new Uint8Array(bytes);
}

const isUtf8 = (bytes: Uint8Array) => {
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return true;
	} catch {
		return false;
	}
};

/**
 * The file's bytes, and the encoding actually used. Windows-1252 falls back to UTF-8 when the text
 * has characters it cannot hold, and when its bytes happen to be valid UTF-8 too (e.g. "Ã©"):
 * the importer reads valid UTF-8 as UTF-8 by design, so such a file is ambiguous, not a bug.
 */
export function encodeCsv(
	text: string,
	encoding: FileEncoding
): [Uint8Array<ArrayBuffer>, FileEncoding] {
	if (encoding === 'windows-1252') {
		const bytes = encode1252(text);
		if (bytes && !(isUtf8(bytes) && /[^\0-\x7f]/.test(text))) return [bytes, encoding];
		encoding = 'utf-8';
	}
	const utf8 = new TextEncoder().encode(text);
	if (encoding === 'utf-8') return [utf8, encoding];
	const withBom = new Uint8Array(utf8.length + 3);
	withBom.set([0xef, 0xbb, 0xbf]);
	withBom.set(utf8, 3);
	return [withBom, encoding];
}

/**
 * What the importer makes of an identifier or category text (`mo_text` in macros-sql.ts): runs
 * of ASCII whitespace (RE2's \s), line breaks included, become one space. Generated values have no
 * leading or trailing whitespace, so trimming never applies.
 */
export const collapseSpaces = (v: string) => v.replace(/[\t\n\f\r ]+/g, ' ');

export const fitsCp1252 = (text: string) => encode1252(text) !== null;
