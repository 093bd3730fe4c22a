declare global {
	/** A fixed "now" (ISO text) for demonstrations and end-to-end tests; set before the app loads. */
	var __MASSAGE_OUTCOMES_NOW__: string | undefined;
}

/**
 * The app's one clock: import dates ("future" sessions are flagged against it) and the times
 * datasets were saved. Nothing else in the app reads the real clock, so a test that fixes this
 * one passes on any day.
 */
export function now(): Date {
	const fixed = globalThis.__MASSAGE_OUTCOMES_NOW__;
	return fixed ? new Date(fixed) : new Date();
}
