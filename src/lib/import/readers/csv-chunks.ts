const QUOTE = 0x22;
const NEWLINE = 0x0a;

export interface Chunk {
	bytes: Uint8Array;
	/** Byte offset of the chunk in the file. */
	start: number;
}

/**
 * Cuts a file into pieces that end on a record boundary, so each piece can be handed to DuckDB
 * on its own (which keeps memory flat and lets the UI show progress between pieces). Under RFC
 * 4180 a newline ends a record exactly when an even number of quote characters precede it; both
 * bytes are ASCII, so this holds for UTF-8 and Windows-1252 alike.
 */
export async function* recordChunks(blob: Blob, chunkSize: number): AsyncGenerator<Chunk> {
	let start = 0;
	let lines = 0;
	let carry: Uint8Array = new Uint8Array(0);
	while (start + carry.length < blob.size || carry.length) {
		const end = Math.min(start + carry.length + chunkSize, blob.size);
		const fresh: Uint8Array = new Uint8Array(
			await blob.slice(start + carry.length, end).arrayBuffer()
		);
		const bytes = carry.length ? concat(carry, fresh) : fresh;
		const atEnd = end >= blob.size;
		const cut = atEnd ? bytes.length : lastRecordEnd(bytes);
		if (cut === 0) {
			// One record longer than a chunk (a huge quoted cell): read on until it ends.
			carry = bytes;
			continue;
		}
		if (atEnd && !quotesBalanced(bytes)) throw new UnclosedQuoteError(lines, bytes);
		yield { bytes: bytes.subarray(0, cut), start };
		lines += countNewlines(bytes.subarray(0, cut));
		start += cut;
		carry = bytes.subarray(cut);
		if (atEnd) break;
	}
}

/**
 * The byte loops below run on the page for every 8 MB piece, so they jump with the native
 * indexOf instead of visiting each byte in JavaScript: quotes are rare and records long, and a
 * piece that took ~130 ms of the page's time (a dropped frame or eight) takes a few.
 */
function positions(bytes: Uint8Array, byte: number, end = bytes.length): number[] {
	const found: number[] = [];
	for (let i = bytes.indexOf(byte); i !== -1 && i < end; i = bytes.indexOf(byte, i + 1)) {
		found.push(i);
	}
	return found;
}

/** How many of the (ascending) positions lie before `index`. */
function countBefore(sorted: readonly number[], index: number): number {
	let [lo, hi] = [0, sorted.length];
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid]! < index) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Just after the last newline that ends a record (an even number of quotes before it), or 0. */
function lastRecordEnd(bytes: Uint8Array): number {
	const quotes = positions(bytes, QUOTE);
	for (
		let i = bytes.lastIndexOf(NEWLINE);
		i !== -1;
		i = i ? bytes.lastIndexOf(NEWLINE, i - 1) : -1
	) {
		if (countBefore(quotes, i) % 2 === 0) return i + 1;
	}
	return 0;
}

function quotesBalanced(bytes: Uint8Array): boolean {
	return positions(bytes, QUOTE).length % 2 === 0;
}

const CR = 0x0d;

/**
 * Record ends outside quotes rewritten to a single LF (CRLF and lone CR included). DuckDB's parser
 * fails on files that mix line endings, e.g. LF inside quoted notes and CRLF between records.
 * Line breaks inside quoted cells are data and stay exactly as written.
 */
export function normaliseRecordEnds(bytes: Uint8Array): Uint8Array {
	// Most exports have no CR at all: a plain copy (the caller hands the result to DuckDB's worker).
	if (bytes.indexOf(CR) === -1) return bytes.slice();
	const out = new Uint8Array(bytes.length);
	let n = 0;
	let quotes = 0;
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i]!;
		if (b === QUOTE) quotes++;
		if (b === CR && quotes % 2 === 0) {
			out[n++] = NEWLINE;
			if (bytes[i + 1] === NEWLINE) i++;
		} else out[n++] = b;
	}
	return out.subarray(0, n);
}

const countNewlines = (bytes: Uint8Array) => positions(bytes, NEWLINE).length;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	const out = new Uint8Array(a.length + b.length);
	out.set(a);
	out.set(b, a.length);
	return out;
}

/** The file ends inside a quoted field: everything after the opening quote would be one cell. */
class UnclosedQuoteError extends Error {
	constructor(linesBefore: number, bytes: Uint8Array) {
		let quotes = 0;
		let opened = 0;
		for (let i = 0; i < bytes.length; i++) {
			if (bytes[i] === QUOTE && quotes++ % 2 === 0) opened = i;
		}
		const line = linesBefore + countNewlines(bytes.subarray(0, opened)) + 1;
		super(
			`A quote (") opened on line ${line} is never closed, so the rest of the file would be ` +
				'read as a single cell. Fix the quote in the file and import it again.'
		);
	}
}
