import { constrains, type Clause } from './clause';

const copy = (c: Clause): Clause =>
	('values' in c ? { ...c, values: [...c.values] } : { ...c }) as Clause;
const sameClauses = (a: readonly Clause[], b: readonly Clause[]) =>
	JSON.stringify(a) === JSON.stringify(b);

/**
 * A crossfilter selection (after Mosaic's Selection.crossfilter): clauses held per source, each
 * source's replaced as a whole when it publishes. A chart is filtered by every clause except its
 * own, so clicking a bar narrows the other charts while the clicked chart keeps showing all its
 * bars (and stays clickable). Sources are independent: their clauses AND together.
 */
export class Selection {
	readonly #bySource = new Map<string, readonly Clause[]>();

	/** A selection holding these clauses, grouped by their sources. */
	static from(clauses: readonly Clause[]): Selection {
		const selection = new Selection();
		const sources = new Set(clauses.map((c) => c.source));
		for (const s of sources)
			selection.update(
				s,
				clauses.filter((c) => c.source === s)
			);
		return selection;
	}

	/**
	 * Replaces every clause of `source`. Clauses that constrain nothing (see `constrains`) are
	 * dropped, so publishing [] is the same as `clear`. Returns whether anything changed.
	 */
	update(source: string, clauses: readonly Clause[]): boolean {
		const wrong = clauses.find((c) => c.source !== source);
		if (wrong) throw new Error(`A clause from "${wrong.source}" was published as "${source}".`);
		const kept = clauses.filter(constrains).map(copy);
		if (!kept.length) return this.clear(source);
		if (sameClauses(this.#bySource.get(source) ?? [], kept)) return false;
		this.#bySource.set(source, kept);
		return true;
	}

	/** Removes every clause of `source`; returns whether it had any. */
	clear(source: string): boolean {
		return this.#bySource.delete(source);
	}

	/**
	 * The clauses that filter `client`: everyone's but its own (null = all clauses). Ordered by
	 * source name, then as published, whatever the order of clicks: the SQL built from them is
	 * then the same text for the same selection, which is what the result cache is keyed by.
	 */
	clausesFor(client: string | null): Clause[] {
		return [...this.#bySource.keys()]
			.filter((s) => s !== client)
			.sort()
			.flatMap((s) => this.#bySource.get(s)!.map(copy));
	}

	all(): Clause[] {
		return this.clausesFor(null);
	}

	/** Sources that currently constrain something, sorted. */
	sources(): string[] {
		return [...this.#bySource.keys()].sort();
	}
}
