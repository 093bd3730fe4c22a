import { whereSql } from '../stats/where';
import type { Clause, SqlFilter } from './clause';
import { Selection } from './selection';

/**
 * Each chart's filter, read from the current clauses (e.g. `() => clausesFromState(state)`),
 * as the very same object for as long as its SQL and values stay the same. Inside `$derived`
 * that identity is what stops the chain: a click on the matrix changes every other chart's
 * filter, while the matrix's own derived value is unchanged, so its query is not asked again
 * (Mosaic's crossfilter skips the active client's update the same way).
 */
export class CrossFilter {
	readonly #memo = new Map<string | null, { key: string; filter: SqlFilter }>();

	constructor(private readonly clauses: () => readonly Clause[]) {}

	/** The filter for `client` (a source name): every clause but its own; null = all clauses. */
	filterFor(client: string | null): SqlFilter {
		const filter = whereSql(Selection.from(this.clauses()).clausesFor(client));
		const key = JSON.stringify(filter);
		const kept = this.#memo.get(client);
		if (kept?.key === key) return kept.filter;
		this.#memo.set(client, { key, filter });
		return filter;
	}
}
