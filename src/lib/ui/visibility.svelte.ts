import { getContext, setContext } from 'svelte';

const EVERY_PANEL = Symbol('panels ask off screen');

/**
 * Call during a page's initialisation: its panels ask for their numbers on screen or not (a
 * report is printed whole, beyond the screen).
 */
export const askOffScreen = () => setContext(EVERY_PANEL, true);

/**
 * Whether an element is on screen (or about to be), so a chart below the fold asks for nothing
 * until it is scrolled to, and a chart scrolled away stops asking on every filter change (its
 * last picture stays). Use as `{@attach seen.attach}` on the chart's wrapper.
 */
export class Visibility {
	visible = $state(false);

	readonly #always: boolean;

	/**
	 * Call during component initialisation. Before the first observation a chart counts as visible
	 * when observers are unavailable.
	 */
	constructor(private readonly margin = '300px') {
		this.#always = typeof IntersectionObserver === 'undefined' || getContext(EVERY_PANEL) === true;
		if (this.#always) this.visible = true;
	}

	attach = (node: Element) => {
		if (this.#always) return;
		const observer = new IntersectionObserver(
			(entries) => {
				for (const entry of entries) this.visible = entry.isIntersecting;
			},
			{ rootMargin: this.margin }
		);
		observer.observe(node);
		return () => observer.disconnect();
	};
}
