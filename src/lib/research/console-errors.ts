import { PlainError, type UserError } from '../errors/user-error';
import { firstWord, startsAsRead } from './console-sql';

/**
 * Why the console will not run a text, said before the engine sees it (null: it will). This is
 * for a clear message only: the walls that keep data safe are in the engine (console-sql.ts).
 */
export function refusal(text: string): PlainError | null {
	if (!text.trim()) return new PlainError('Write a query first.');
	if (startsAsRead(text)) return null;
	const word = firstWord(text);
	return new PlainError(
		`The console only reads: ${word ? `${word} statements are` : 'this statement is'} not run. ` +
			'Ask with SELECT, WITH, FROM, VALUES, DESCRIBE or SUMMARIZE.'
	);
}

/** DuckDB's messages, and what they tell a researcher about their query. */
const KNOWN: [RegExp, string][] = [
	[
		/multiple statements|at or near ";"/i,
		'The console only reads, one statement at a time: run each on its own.'
	],
	[
		/read-only mode|read.only transaction/i,
		'The console only reads: this query would change data.'
	],
	[/prepared statement parameters/i, 'The console binds no parameters: write values in the query.'],
	[
		// The last: the DuckDB server, where no SQL may reach a file (enable_external_access off).
		/No files found|IO Error|NetworkError|XMLHttpRequest|:\/\/|file system operations are disabled/i,
		'The console reads only the dataset’s tables, no files or addresses.'
	],
	[/Parser Error/i, 'DuckDB could not read this query: check its syntax.'],
	[/Catalog Error/i, 'The query names a table or function that does not exist.'],
	[/Binder Error/i, 'The query names a column that does not exist, or mixes types.'],
	[/Conversion Error|Could not convert|Out of Range/i, 'A value could not be converted.'],
	[
		/out of memory|could not allocate|memory limit/i,
		'The browser ran out of memory for this result.'
	]
];

/**
 * DuckDB's own account in one line: the message up to its first blank line (the "LINE 1: …"
 * pointer shows the console's wrapper, not the researcher's text), runs of blanks folded.
 */
export function engineDetail(message: string): string {
	const head = message.split(/\n\s*\n|\nLINE \d+:/)[0] ?? message;
	const line = head.replace(/\s+/g, ' ').trim();
	return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/** A failed console query as the researcher reads it: a plain sentence and DuckDB's detail. */
export function describeConsoleError(e: unknown): UserError {
	if (e instanceof PlainError) return { summary: e.message, detail: null };
	const message = e instanceof Error ? e.message : String(e);
	const known = KNOWN.find(([pattern]) => pattern.test(message));
	return {
		summary: known?.[1] ?? 'DuckDB could not run this query.',
		detail: engineDetail(message)
	};
}
