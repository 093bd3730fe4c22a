import { Unzip, UnzipInflate } from 'fflate';

/** Zip bytes handed to the decompressor at a time: each part then comes out in small chunks. */
const PIECE = 64 * 1024;

/** Told a part's text chunk by chunk, `final` with the last. */
export type PartReader = (text: string, final: boolean) => void;

/** The longest the reader works before it lets the page draw a frame (a frame is ~16 ms). */
const FRAME_MS = 30;

/**
 * Streams through a zip once, decompressing only the parts `want` gives a reader for, as text in
 * chunks of a few hundred kB: a sheet of a million rows is never held whole. The work runs on
 * the page's thread, so it pauses for a frame every FRAME_MS. False when the bytes are not a zip
 * the decompressor can read.
 */
export async function readParts(
	bytes: Uint8Array,
	want: (name: string) => PartReader | null
): Promise<boolean> {
	let zip = false;
	const unzip = new Unzip((file) => {
		zip = true;
		const read = want(file.name);
		if (!read) return;
		const decoder = new TextDecoder();
		file.ondata = (error, chunk, final) => {
			if (error) throw error;
			read(decoder.decode(chunk, { stream: !final }), final);
		};
		file.start();
	});
	unzip.register(UnzipInflate);
	// Pushed in pieces: the whole file at once would come out as one decompressed chunk per part.
	let since = performance.now();
	for (let at = 0; at < bytes.length; at += PIECE) {
		unzip.push(bytes.subarray(at, at + PIECE), at + PIECE >= bytes.length);
		if (performance.now() - since > FRAME_MS) {
			await new Promise((resolve) => setTimeout(resolve, 0));
			since = performance.now();
		}
	}
	return zip;
}

/** A part read whole (workbook.xml, styles.xml: small), handed over at its end. */
export function wholeText(done: (text: string) => void): PartReader {
	let text = '';
	return (chunk, final) => {
		text += chunk;
		if (final) done(text);
	};
}

/**
 * Cuts a part's text into its `<tag …>…</tag>` (or `<tag …/>`) elements as they complete, any
 * namespace prefix allowed (`<x:row>`), each handed over whole; text between them is dropped.
 * Elements of that tag must not nest (rows, cells, shared strings, merges do not).
 */
export function elements(tag: string, each: (xml: string) => void): PartReader {
	const open = new RegExp(`<(\\w+:)?${tag}[\\s/>]`, 'g');
	let buffer = '';
	return (chunk, final) => {
		buffer += chunk;
		let kept = -1;
		open.lastIndex = 0;
		for (let m = open.exec(buffer); m; m = open.exec(buffer)) {
			const gt = buffer.indexOf('>', m.index);
			if (gt === -1) {
				kept = m.index;
				break;
			}
			let end = gt + 1;
			if (buffer[gt - 1] !== '/') {
				const close = `</${m[1] ?? ''}${tag}>`;
				const at = buffer.indexOf(close, gt);
				if (at === -1) {
					kept = m.index;
					break;
				}
				end = at + close.length;
			}
			each(buffer.slice(m.index, end));
			open.lastIndex = end;
		}
		// An element cut by the chunk's end waits for the next; otherwise only a tag's worth of
		// text is kept, where a "<" may have begun one.
		buffer = final ? '' : kept >= 0 ? buffer.slice(kept) : buffer.slice(-tag.length - 16);
	};
}

/** Each attribute's pattern, made once: a sheet asks for a cell's type and style millions of times. */
const ATTRIBUTES = new Map<string, RegExp>();

/** An attribute's value, unescaped (undefined when the tag has none). */
export function attribute(tag: string, name: string): string | undefined {
	let pattern = ATTRIBUTES.get(name);
	if (!pattern) ATTRIBUTES.set(name, (pattern = new RegExp(`\\s${name}="([^"]*)"`)));
	const value = pattern.exec(tag)?.[1];
	return value === undefined ? undefined : unescapeXml(value);
}

/**
 * The text of a string item (<si>, <is>): its <t> runs joined, phonetic runs (<rPh>) left out,
 * entities and Excel's _xHHHH_ escapes decoded.
 */
export function runText(xml: string): string {
	const body = xml.replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, '');
	let text = '';
	for (const m of body.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) text += m[1];
	return unescapeXml(text).replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
		String.fromCharCode(parseInt(hex, 16))
	);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export const unescapeXml = (text: string) =>
	text.includes('&')
		? text.replace(/&(amp|lt|gt|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (_, e: string) =>
				e[0] === '#'
					? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
					: ENTITIES[e]!
			)
		: text;
