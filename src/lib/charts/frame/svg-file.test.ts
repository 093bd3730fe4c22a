import { describe, expect, it } from 'vitest';
import { standaloneSvg } from './svg-file';

const markup =
	'<svg width="640" height="320" viewBox="0 0 640 320" role="group" aria-label="Pain" font-size="12">' +
	'<!--[--><g><circle tabindex="0" role="button" aria-pressed="false" style="cursor: pointer" ' +
	'aria-label="Swedish: mean 1" cx="1" cy="2" r="3"><title>Swedish: mean 1</title></circle></g>' +
	'<!--]--></svg>';

describe('standalone SVG file', () => {
	const file = standaloneSvg(markup, 640, 320);

	it('declares the SVG namespace, its size and a white background', () => {
		expect(
			file.startsWith(
				'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"'
			)
		).toBe(true);
		expect(file).toContain('width="640" height="320" viewBox="0 0 640 320"');
		expect(file).toMatch(/<svg [^>]*><rect width="100%" height="100%" fill="#fff"\/>/);
		expect(file.match(/width="640"/g)).toHaveLength(1);
	});

	it('keeps the chart’s own attributes, names and tooltips', () => {
		expect(file).toContain('aria-label="Pain" font-size="12"');
		expect(file).toContain('<title>Swedish: mean 1</title>');
		expect(file).toContain('style="color:#1a1a1a"');
	});

	it('drops Svelte comments and keyboard-only attributes', () => {
		expect(file).not.toContain('<!--');
		expect(file).not.toMatch(/tabindex|role=|aria-pressed|cursor/);
	});

	it('refuses markup that is not an svg', () => {
		expect(() => standaloneSvg('<div></div>', 1, 1)).toThrow(/svg/);
	});
});
