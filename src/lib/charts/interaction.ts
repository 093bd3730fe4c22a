import type { SVGAttributes } from 'svelte/elements';
import type { TooltipControl } from './context';

export interface MarkInteraction {
	/** What the tooltip says; also the mark's accessible name. */
	tooltip: string;
	/** Makes the mark a button: click, Enter and Space all call it. */
	onselect?: (() => void) | undefined;
	/** Pressed state of a selectable mark (aria-pressed). */
	selected?: boolean | undefined;
	/** false for marks reachable another way (a line whose points are focusable). */
	focusable?: boolean;
}

/**
 * Attributes shared by every mark that stands for data: reachable with Tab, named by its tooltip
 * text, tooltip on hover and focus, and selectable with mouse or keyboard alike.
 */
export function markAttributes(
	tip: TooltipControl | undefined,
	{ tooltip, onselect, selected, focusable = true }: MarkInteraction
): SVGAttributes<SVGElement> {
	const select = onselect;
	// A mouse-only shortcut (the same choice is reachable by keyboard elsewhere): hidden from
	// assistive technology rather than announced as a button that cannot be focused.
	if (!focusable)
		return {
			'aria-hidden': 'true',
			onclick: select ? () => select() : undefined,
			style: select ? 'cursor: pointer' : undefined
		};
	return {
		tabindex: 0,
		role: select ? 'button' : 'img',
		'aria-label': tooltip,
		'aria-pressed': select && selected !== undefined ? selected : undefined,
		onfocus: (e) => tip?.show(tooltip, e.currentTarget),
		onmouseenter: (e) => tip?.show(tooltip, e.currentTarget),
		onblur: () => tip?.hide(),
		onmouseleave: () => tip?.hide(),
		onclick: select ? () => select() : undefined,
		onkeydown: (e) => {
			if (e.key === 'Escape') tip?.hide();
			if (select && (e.key === 'Enter' || e.key === ' ')) {
				// Space would otherwise scroll the page.
				e.preventDefault();
				select();
			}
		},
		style: select ? 'cursor: pointer' : undefined
	};
}
