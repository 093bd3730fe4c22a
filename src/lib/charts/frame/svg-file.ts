const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * A chart's serialised <svg> made into a file that renders on its own: the SVG namespace, its
 * size, a white background and the text colour that `currentColor` resolves to. The marks carry
 * their look in attributes (ChartSvg.svelte), so no stylesheet has to travel with it. Svelte's
 * markers (comments) and keyboard attributes, which mean nothing in a file, are dropped.
 */
export function standaloneSvg(markup: string, width: number, height: number): string {
	const body = markup
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/\s(tabindex|role|aria-pressed)="[^"]*"/g, '')
		.replace(/\sstyle="cursor: pointer;?"/g, '');
	const open = body.match(/^\s*<svg\b[^>]*>/);
	if (!open) throw new Error('not an <svg> element');
	const attributes = open[0]
		.replace(/^\s*<svg\b/, '')
		.replace(/>$/, '')
		.replace(/\s(xmlns|width|height|viewBox|style)="[^"]*"/g, '');
	const root =
		`<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"` +
		` style="color:#1a1a1a"${attributes}>`;
	const background = `<rect width="100%" height="100%" fill="#fff"/>`;
	return `<?xml version="1.0" encoding="UTF-8"?>\n${root}${background}${body.slice(open[0].length)}`;
}
