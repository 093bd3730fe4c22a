import type { NativeEngine } from '../lib/engine/native-engine';

/**
 * A fixed set of connections to the dataset, opened (and set up) before the database is locked
 * down: a locked database lets no new connection run the session setup. Each request borrows one
 * and gives it back; when all are busy, requests wait their turn in arrival order. Native DuckDB
 * runs each query on all cores, so a few connections keep the machine busy.
 */
export class ConnectionPool {
	readonly #free: NativeEngine[];
	readonly #waiting: ((c: NativeEngine) => void)[] = [];

	private constructor(connections: NativeEngine[]) {
		this.#free = connections;
	}

	static async open(engine: NativeEngine, size: number): Promise<ConnectionPool> {
		const connections = await Promise.all(Array.from({ length: size }, () => engine.connect()));
		return new ConnectionPool(connections);
	}

	async use<T>(task: (connection: NativeEngine) => Promise<T>): Promise<T> {
		const connection =
			this.#free.pop() ?? (await new Promise<NativeEngine>((r) => this.#waiting.push(r)));
		try {
			return await task(connection);
		} finally {
			const next = this.#waiting.shift();
			if (next) next(connection);
			else this.#free.push(connection);
		}
	}

	async close(): Promise<void> {
		await Promise.all(this.#free.splice(0).map((c) => c.close()));
	}
}
