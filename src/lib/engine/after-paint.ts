/** The longest a wait for a paint lasts: a hidden page draws no frames. */
const MAX_WAIT_MS = 100;

/**
 * Resolves once the page has rendered its next frame (a task queued in an animation-frame
 * callback runs after that frame's style, layout and paint), or after MAX_WAIT_MS; at once where
 * there is no page (Node).
 */
export function afterPaint(): Promise<void> {
	if (typeof requestAnimationFrame === 'undefined') return Promise.resolve();
	return new Promise((done) => {
		const timer = setTimeout(done, MAX_WAIT_MS);
		requestAnimationFrame(() =>
			setTimeout(() => {
				clearTimeout(timer);
				done();
			}, 0)
		);
	});
}
