/**
 * Test support: reads the markup `render` from 'svelte/server' produces (Vitest runs in node,
 * without a DOM). Enough of HTML for the charts' own output: elements by tag and attribute,
 * their text, entities decoded.
 */
import type { Component } from 'svelte';
import { render } from 'svelte/server';

export interface Found {
	attrs: Record<string, string>;
	inner: string;
}

/** Server-rendered markup without Svelte's hydration comments. */
export function renderMarkup<P extends object>(component: Component<P>, props: NoInfer<P>): string {
	const body = render(component as Component<object>, { props }).body;
	return body.replace(/<!--[\s\S]*?-->/g, '');
}

export const decode = (text: string) =>
	text
		.replaceAll('&lt;', '<')
		.replaceAll('&gt;', '>')
		.replaceAll('&quot;', '"')
		.replaceAll('&#39;', "'")
		.replaceAll('&amp;', '&');

function attributes(tag: string): Record<string, string> {
	const attrs: Record<string, string> = {};
	for (const m of tag.matchAll(/\s([^\s=/>]+)(?:="([^"]*)")?/g)) attrs[m[1]!] = decode(m[2] ?? '');
	return attrs;
}

/** Every <tag> element whose attributes pass `where`, with its inner markup (nesting counted). */
export function findAll(
	markup: string,
	tag: string,
	where: (attrs: Record<string, string>) => boolean = () => true
): Found[] {
	const found: Found[] = [];
	const open = new RegExp(`<${tag}(\\s[^>]*)?>`, 'g');
	for (const m of markup.matchAll(open)) {
		const attrs = attributes(m[1] ?? '');
		if (!where(attrs)) continue;
		const selfClosing = (m[1] ?? '').endsWith('/');
		const start = m.index + m[0].length;
		let depth = 1;
		const any = new RegExp(`<${tag}(\\s[^>]*)?>|</${tag}>`, 'g');
		any.lastIndex = start;
		let end = start;
		while (!selfClosing && depth > 0) {
			const next = any.exec(markup);
			if (!next) break;
			depth += next[0].startsWith('</') ? -1 : next[0].endsWith('/>') ? 0 : 1;
			if (depth === 0) end = next.index;
		}
		found.push({ attrs, inner: selfClosing ? '' : markup.slice(start, end) });
	}
	return found;
}

/** Visible text of a fragment, <title> (tooltip) text left out. */
export const textOf = (fragment: string) =>
	decode(fragment.replace(/<title>[\s\S]*?<\/title>/g, '').replace(/<[^>]+>/g, ''));

export const titleOf = (fragment: string) =>
	decode(fragment.match(/<title>([\s\S]*?)<\/title>/)?.[1] ?? '');
