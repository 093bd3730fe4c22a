import type { Table } from 'apache-arrow';
import type { Connector, QuerySpec } from './connector';

const CACHE_LIMIT = 200;

/**
 * The one place queries run. Clients hand it query specs; it starts the engine on first use,
 * answers repeated specs from a cache (filters flip back and forth), and forgets everything when
 * the data changes.
 */
export class Coordinator {
	#connect: () => Promise<Connector>;
	#db: Promise<Connector> | null = null;
	#cache = new Map<string, Promise<Table>>();

	constructor(connect: () => Promise<Connector>) {
		this.#connect = connect;
	}

	/** The connector, started lazily once. */
	db(): Promise<Connector> {
		this.#db ??= this.#connect();
		return this.#db;
	}

	query(spec: QuerySpec): Promise<Table> {
		const key = JSON.stringify([spec.sql, spec.params ?? []]);
		const hit = this.#cache.get(key);
		if (hit) return hit;
		const result = this.db().then((db) => db.query(spec.sql, spec.params));
		this.#cache.set(key, result);
		result.catch(() => this.#cache.delete(key));
		if (this.#cache.size > CACHE_LIMIT) {
			this.#cache.delete(this.#cache.keys().next().value!);
		}
		return result;
	}

	/** Call after any change to the tables: cached answers are stale. */
	invalidate(): void {
		this.#cache.clear();
	}
}
