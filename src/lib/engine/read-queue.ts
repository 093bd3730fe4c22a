import type { Table } from 'apache-arrow';
import { abortError, type QuerySpec } from './engine';

/** Higher runs first; equal priorities run in the order asked. */
export const PRIORITY = { high: 2, normal: 1, low: 0 } as const;
export type Priority = keyof typeof PRIORITY;

interface Waiter {
	resolve: (table: Table) => void;
	reject: (error: unknown) => void;
}

/** One query waiting or running, shared by every caller who asked for the same thing meanwhile. */
export class PendingRead {
	readonly waiters = new Set<Waiter>();
	running = false;

	constructor(
		readonly key: string,
		readonly spec: QuerySpec,
		public priority: number,
		readonly cacheable: boolean
	) {}

	/** A caller's promise of the answer; aborting its signal rejects it and removes it. */
	wait(signal: AbortSignal | undefined, onLeave: () => void): Promise<Table> {
		return new Promise<Table>((resolve, reject) => {
			const waiter: Waiter = { resolve, reject };
			this.waiters.add(waiter);
			signal?.addEventListener(
				'abort',
				() => {
					if (!this.waiters.delete(waiter)) return;
					reject(abortError(signal));
					onLeave();
				},
				{ once: true }
			);
		});
	}

	settle(outcome: { table: Table } | { error: unknown }): void {
		for (const w of this.waiters) {
			if ('table' in outcome) w.resolve(outcome.table);
			else w.reject(outcome.error);
		}
		this.waiters.clear();
	}
}

/**
 * Reads not yet started, highest priority first, then first come. An entry nobody waits for any
 * more is dropped before it runs.
 */
export class ReadQueue {
	#items: PendingRead[] = [];

	push(read: PendingRead): void {
		const at = this.#items.findIndex((r) => r.priority < read.priority);
		this.#items.splice(at === -1 ? this.#items.length : at, 0, read);
	}

	/** Re-sorts an entry whose priority was raised by a later, more urgent caller. */
	raise(read: PendingRead, priority: number): void {
		if (priority <= read.priority) return;
		read.priority = priority;
		this.remove(read);
		this.push(read);
	}

	remove(read: PendingRead): void {
		const at = this.#items.indexOf(read);
		if (at !== -1) this.#items.splice(at, 1);
	}

	/** The entry shift() would take, left in place. */
	peek(): PendingRead | undefined {
		return this.#items[0];
	}

	shift(): PendingRead | undefined {
		return this.#items.shift();
	}

	get length(): number {
		return this.#items.length;
	}
}
