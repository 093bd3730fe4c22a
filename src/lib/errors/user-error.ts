/** A failure as a user reads it: a short sentence, with the technical text kept apart. */
export interface UserError {
	summary: string;
	/** The original message, for the folded "technical details"; null when it adds nothing. */
	detail: string | null;
}

/**
 * A message written for the user — what happened and what to do, in plain words. It is shown
 * whole, whatever its length, with the engine error that caused it (if any) as the detail;
 * anything else is judged by its text.
 */
export class PlainError extends Error {}

/** Longer than this, an engine message is detail, never the headline. */
const SHORT = 200;

/** Messages DuckDB writes, and what they mean to someone importing a clinic's export. */
const KNOWN: [RegExp, string][] = [
	[
		/out of memory|could not allocate|memory limit|malloc of size \d+ failed/i,
		'The browser ran out of memory.'
	],
	[/maximum line size|line size of \d+ bytes/i, 'A line of the file is too long to be a row.'],
	[/Parser Error|Binder Error|Catalog Error/i, 'The database could not run this step.'],
	[/Conversion Error|Invalid Input Error|Could not convert/i, 'A value could not be read.']
];

/**
 * Turns any thrown value into a message for the screen. Our own messages (plain sentences) pass
 * through; an engine's message is summarised, with `context` (what was being done) in front.
 */
export function describeError(e: unknown, context?: string): UserError {
	if (e instanceof PlainError) {
		const cause = e.cause instanceof Error ? e.cause.message : null;
		return { summary: e.message, detail: cause };
	}
	const text = (e instanceof Error ? e.message : String(e)).trim();
	const known = KNOWN.find(([pattern]) => pattern.test(text));
	const engineText = /^[A-Z][A-Za-z ]*Error: /.test(text) || text.length > SHORT;
	if (!known && !engineText) return { summary: text, detail: null };
	const what = known?.[1] ?? 'Something went wrong.';
	return { summary: context ? `${context}: ${what}` : what, detail: text };
}
