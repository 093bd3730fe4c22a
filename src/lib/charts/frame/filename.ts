/**
 * A file name from the chart's title: lower case ASCII words joined by hyphens, accents folded,
 * anything a file system might refuse dropped, and never empty.
 */
export function exportFilename(title: string, extension: 'csv' | 'svg' | 'png'): string {
	const slug = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 80)
		.replace(/-+$/, '');
	return `${slug || 'chart'}.${extension}`;
}
