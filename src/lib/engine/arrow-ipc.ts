import { Message } from 'apache-arrow';

/**
 * Arrow IPC framing, read without decoding any rows. A file is "ARROW1\0\0", the stream format
 * (schema, dictionaries, record batches, end-of-stream marker), a footer, the footer's int32
 * length and "ARROW1" (the Arrow columnar format, "IPC File Format").
 * DuckDB writes the end-of-stream marker inside its files too (checked in arrow-ipc.test.ts), so
 * the stream can be handed on as a view of the file's own bytes.
 */
const MAGIC = [...'ARROW1'].map((c) => c.charCodeAt(0));
const FILE_HEAD = [...MAGIC, 0, 0];
const END_OF_STREAM = [0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0];
/** Footer length (int32) + closing magic. */
const FILE_TAIL = 4 + MAGIC.length;

const hasAt = (bytes: Uint8Array, at: number, expected: number[]) =>
	at >= 0 && at + expected.length <= bytes.length && expected.every((b, i) => bytes[at + i] === b);

export const INCOMPLETE_STREAM = 'The Arrow stream is incomplete or damaged';

/**
 * True when the bytes end with the end-of-stream marker. duckdb-wasm (1.32) treats a stream
 * without it as unfinished: it creates nothing, reports success, and keeps the bytes waiting on
 * the connection, so the next stream inserted there fails.
 */
export const endsWithEndOfStream = (bytes: Uint8Array) =>
	hasAt(bytes, bytes.length - END_OF_STREAM.length, END_OF_STREAM);

/**
 * The stream inside IPC file bytes, as a view (no copy), or null unless the file is framed
 * completely: opening and closing magic, a footer length that fits, and the end-of-stream marker
 * right before the footer. Bytes cut anywhere fail one of these.
 */
export function streamOfFile(file: Uint8Array): Uint8Array | null {
	if (!hasAt(file, 0, FILE_HEAD) || !hasAt(file, file.length - MAGIC.length, MAGIC)) return null;
	const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
	const footerLength = view.getInt32(file.length - FILE_TAIL, true);
	const streamEnd = file.length - FILE_TAIL - footerLength;
	if (footerLength <= 0 || streamEnd < FILE_HEAD.length) return null;
	const stream = file.subarray(FILE_HEAD.length, streamEnd);
	return endsWithEndOfStream(stream) ? stream : null;
}

/**
 * The rows a stream's record batches claim, read from each message's metadata while skipping
 * its body: a few microseconds per batch of ~2,000 rows. Throws unless the messages lead exactly
 * to the end-of-stream marker at the end of the bytes.
 */
export function rowsInStream(stream: Uint8Array): number {
	const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
	let rows = 0;
	for (let at = 0; ;) {
		if (at + 8 > stream.length || view.getInt32(at, true) !== -1) break;
		const metadataLength = view.getInt32(at + 4, true);
		if (metadataLength === 0) {
			if (at + 8 === stream.length) return rows;
			break;
		}
		const metadataEnd = at + 8 + metadataLength;
		if (metadataLength < 0 || metadataEnd > stream.length) break;
		const message = Message.decode(stream.subarray(at + 8, metadataEnd));
		if (message.isRecordBatch()) rows += Number(message.header().length);
		at = metadataEnd + Number(message.bodyLength);
	}
	throw new Error(INCOMPLETE_STREAM);
}
