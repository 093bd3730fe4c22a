/**
 * Whether an element is on screen (or about to be), so a chart below the fold asks for nothing
 * until it is scrolled to, and a chart scrolled away stops asking on every filter change (its
 * last picture stays). Use as `{@attach seen.attach}` on the chart's wrapper.
 */
export class Visibility {
	visible = $state(false);

	/** Before the first observation a chart counts as visible when observers are unavailable. */
	constructor(private readonly margin = '300px') {
		if (typeof IntersectionObserver === 'undefined') this.visible = true;
	}

	attach = (node: Element) => {
		if (typeof IntersectionObserver === 'undefined') return;
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
