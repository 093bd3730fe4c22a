import type { Table } from 'apache-arrow';

/** Bytes an Arrow table holds (its buffers), to keep the cache's memory bounded. */
function tableBytes(table: Table): number {
	return table.data.reduce((sum, data) => sum + data.byteLength, 0);
}

/**
 * Least-recently-used answers, bounded in entries and in bytes. A result larger than
 * `maxEntryBytes` is not kept at all: a whole export must not push out every chart's answer.
 */
export class ResultCache {
	#entries = new Map<string, { table: Table; bytes: number }>();
	#bytes = 0;

	constructor(
		readonly maxEntries = 200,
		readonly maxBytes = 64 << 20,
		readonly maxEntryBytes = 4 << 20
	) {}

	get(key: string): Table | undefined {
		const hit = this.#entries.get(key);
		if (!hit) return undefined;
		this.#entries.delete(key); // re-inserted as the most recently used
		this.#entries.set(key, hit);
		return hit.table;
	}

	set(key: string, table: Table): void {
		const bytes = tableBytes(table);
		if (bytes > this.maxEntryBytes) return;
		this.delete(key);
		this.#entries.set(key, { table, bytes });
		this.#bytes += bytes;
		for (const [oldest] of this.#entries) {
			if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
			this.delete(oldest);
		}
	}

	delete(key: string): void {
		const old = this.#entries.get(key);
		if (!old) return;
		this.#entries.delete(key);
		this.#bytes -= old.bytes;
	}

	clear(): void {
		this.#entries.clear();
		this.#bytes = 0;
	}

	get size(): number {
		return this.#entries.size;
	}

	get bytes(): number {
		return this.#bytes;
	}
}
