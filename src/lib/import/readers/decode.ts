export type Encoding = 'utf-8' | 'windows-1252';

/**
 * Text for DuckDB must be UTF-8. A file that is not valid UTF-8 is read as Windows-1252 (which
 * every byte decodes under, and which Excel on Windows writes), never guessed byte by byte.
 * DuckDB's own latin-1 rejects 0x80–0x9F (smart quotes, €), so decoding happens here.
 */
export function decodeChunk(bytes: Uint8Array, encoding: Encoding): string | null {
	try {
		return new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: true }).decode(
			bytes
		);
	} catch {
		return null;
	}
}

/** Number of bytes of a UTF-8 byte-order mark at the start, if any. */
export function bomLength(bytes: Uint8Array): number {
	return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}
