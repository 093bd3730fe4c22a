/**
 * Browser side of the exports: files are made here, from the page, and handed over through an
 * <a download> with a blob: URL (the CSP allows blob: and nothing remote).
 */
import { standaloneSvg } from './svg-file';

export function downloadBlob(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = filename;
	link.hidden = true;
	document.body.append(link);
	link.click();
	link.remove();
	// The download has started by the next task; the URL is not needed after that.
	setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** CSV as UTF-8 with a byte-order mark, which Excel needs to read "×" or "−" correctly. */
export const csvBlob = (text: string) => new Blob(['\ufeff', text], { type: 'text/csv' });

export function svgFile(svg: SVGSVGElement): { text: string; width: number; height: number } {
	const box = svg.getBoundingClientRect();
	const width = Math.ceil(box.width);
	const height = Math.ceil(box.height);
	const text = standaloneSvg(new XMLSerializer().serializeToString(svg), width, height);
	return { text, width, height };
}

export const svgBlob = (text: string) => new Blob([text], { type: 'image/svg+xml' });

/** The SVG drawn at `scale`× into a canvas (through an Image of a blob: URL), as PNG. */
export async function pngBlob(svgText: string, width: number, height: number, scale = 2) {
	const url = URL.createObjectURL(svgBlob(svgText));
	try {
		const image = new Image();
		image.src = url;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(width * scale);
		canvas.height = Math.round(height * scale);
		const context = canvas.getContext('2d');
		if (!context) throw new Error('This browser cannot draw the chart into an image.');
		context.scale(scale, scale);
		context.drawImage(image, 0, 0, width, height);
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob(
				(b) => (b ? resolve(b) : reject(new Error('PNG encoding failed.'))),
				'image/png'
			)
		);
	} finally {
		URL.revokeObjectURL(url);
	}
}
