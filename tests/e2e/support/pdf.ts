import { unzlibSync } from 'fflate';

/**
 * Just enough of a PDF (as Chromium prints it) for tests: its pages, and how much vector
 * drawing its content streams hold — a chart printed as SVG becomes path segments there.
 */
export function pdfPageCount(pdf: Uint8Array): number {
	return (
		Buffer.from(pdf)
			.toString('latin1')
			.match(/\/Type\s*\/Page[^s]/g) ?? []
	).length;
}

/** Line, curve and rectangle operators in every Flate-compressed stream that inflates. */
export function pdfPathSegments(pdf: Uint8Array): number {
	const bytes = Buffer.from(pdf);
	const text = bytes.toString('latin1');
	let segments = 0;
	for (const m of text.matchAll(/stream\r?\n/g)) {
		const dictionary = text.slice(text.lastIndexOf('<<', m.index), m.index);
		if (!dictionary.includes('/FlateDecode')) continue;
		const start = m.index + m[0].length;
		let content: string;
		try {
			content = Buffer.from(
				unzlibSync(bytes.subarray(start, text.indexOf('endstream', start)))
			).toString('latin1');
		} catch {
			continue; // not a content stream (a font or an image): nothing drawn by path operators
		}
		segments += (content.match(/ (l|c|re)\n/g) ?? []).length;
	}
	return segments;
}
