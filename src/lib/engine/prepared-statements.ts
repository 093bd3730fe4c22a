import type { AsyncDuckDBConnection, AsyncPreparedStatement } from '@duckdb/duckdb-wasm';

/**
 * A connection's prepared statements, kept by SQL text and reused, the least recently used closed
 * beyond `capacity`. In the page a statement took a worker round trip and planning (1–14 ms at
 * 100k sessions, bench:repaint) before every chart's query; a filter change mostly repeats the
 * texts of earlier ones (the values differ, bound), so most charts skip that step. DuckDB plans a
 * statement again by itself when a table it reads was replaced since (a new import).
 */
export class PreparedStatements {
	readonly #conn: AsyncDuckDBConnection;
	readonly #capacity: number;
	readonly #kept = new Map<string, Promise<AsyncPreparedStatement>>();

	/**
	 * 128: a view's texts are a few per chart for each set of filtered fields (values are bound,
	 * lists take 4, 8… slots), and the chips' vary with their order; 32 were outgrown within a few
	 * dozen filter clicks, each re-preparation a 15–30 ms plan at 1M sessions. A plan is small.
	 */
	constructor(conn: AsyncDuckDBConnection, capacity = 128) {
		this.#conn = conn;
		this.#capacity = capacity;
	}

	/** The statement for `sql`, prepared now or earlier; a failed preparation is not kept. */
	get(sql: string): Promise<AsyncPreparedStatement> {
		const kept = this.#kept.get(sql);
		this.#kept.delete(sql);
		const statement = kept ?? this.#conn.prepare(sql);
		this.#kept.set(sql, statement);
		statement.catch(() => this.#kept.delete(sql));
		for (const [oldest, evicted] of this.#kept) {
			if (this.#kept.size <= this.#capacity) break;
			this.#kept.delete(oldest);
			void evicted.then((s) => s.close()).catch(() => {}); // prepare failed: nothing to close
		}
		return statement;
	}

	async closeAll(): Promise<void> {
		const all = [...this.#kept.values()];
		this.#kept.clear();
		await Promise.all(all.map((s) => s.then((st) => st.close()).catch(() => {})));
	}
}
