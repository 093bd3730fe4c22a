import { describe, expect, it, vi } from 'vitest';
import type { TooltipControl } from './context';
import { markAttributes } from './interaction';

type Handler = (event: unknown) => void;
const call = (attrs: Record<string, unknown>, name: string, event: unknown = {}) =>
	(attrs[name] as Handler)(event);
const key = (k: string) => ({ key: k, preventDefault: vi.fn() });

describe('mark attributes', () => {
	const tip = (): TooltipControl & { shown: string[] } => {
		const shown: string[] = [];
		return { shown, show: (text) => shown.push(text), hide: () => shown.push('(hidden)') };
	};

	it('make a data mark focusable and named by its tooltip text', () => {
		const attrs = markAttributes(undefined, { tooltip: 'Swedish: mean 1.20' });
		expect(attrs).toMatchObject({ tabindex: 0, role: 'img', 'aria-label': 'Swedish: mean 1.20' });
		expect(attrs.onclick).toBeUndefined();
	});

	it('show the tooltip on focus and hover, hide it on blur, leave and Escape', () => {
		const t = tip();
		const attrs = markAttributes(t, { tooltip: 'text' }) as Record<string, unknown>;
		call(attrs, 'onfocus', { currentTarget: {} });
		call(attrs, 'onmouseenter', { currentTarget: {} });
		call(attrs, 'onblur');
		call(attrs, 'onkeydown', key('Escape'));
		expect(t.shown).toEqual(['text', 'text', '(hidden)', '(hidden)']);
	});

	it('select on click, Enter and Space, and nothing else', () => {
		const select = vi.fn();
		const attrs = markAttributes(undefined, { tooltip: 't', onselect: select, selected: true });
		expect(attrs).toMatchObject({ role: 'button', 'aria-pressed': true });
		const record = attrs as Record<string, unknown>;
		call(record, 'onclick');
		const space = key(' ');
		call(record, 'onkeydown', key('Enter'));
		call(record, 'onkeydown', space);
		call(record, 'onkeydown', key('a'));
		expect(select).toHaveBeenCalledTimes(3);
		expect(space.preventDefault).toHaveBeenCalled();
	});

	it('keep a mouse-only shortcut out of the tab order and the accessibility tree', () => {
		const select = vi.fn();
		const attrs = markAttributes(undefined, { tooltip: 't', onselect: select, focusable: false });
		expect(attrs.tabindex).toBeUndefined();
		expect(attrs['aria-hidden']).toBe('true');
		call(attrs as Record<string, unknown>, 'onclick');
		expect(select).toHaveBeenCalledOnce();
	});
});
