import type { Table } from 'apache-arrow';
import { abortError, type LocalEngine, type QueryEngine, type QuerySpec } from './engine';
import { PendingRead, PRIORITY, ReadQueue, type Priority } from './read-queue';
import { inReadOnlySession, type ReadOnlySession } from './read-only-session';
import { ResultCache } from './result-cache';

export interface ReadOptions {
	priority?: Priority;
	signal?: AbortSignal;
	/** false for one-off results (exports): they are neither kept nor looked up. */
	cache?: boolean;
}

/** What a write is given besides the engine: names no other write can be using. */
export interface WriteScope {
	/** This write's number (also in `unique` names). */
	readonly id: number;
	/** A table name unique to this write, e.g. `staged_w7_0` for `unique('staged', 0)`. */
	unique(base: string, ...parts: (string | number)[]): string;
}

type Task = () => Promise<void>;
const isLocal = (e: QueryEngine): e is LocalEngine => 'connect' in e;

/**
 * The only holder of the engine (after Mosaic's Coordinator and QueryManager). Reads are queued
 * by priority, identical ones in flight are run once, answers are cached by data version + SQL +
 * parameters, and a read whose every caller gave up is dropped before it runs. Writes run one at
 * a time on a connection of their own, with no read running meanwhile; each bumps the data
 * version and empties the cache before any read runs again. Read-only sessions (SQL the app did
 * not write) queue between the two, each on a connection of its own.
 */
export class Coordinator {
	#connect: () => Promise<QueryEngine>;
	#engine: Promise<QueryEngine> | null = null;
	#reads = new ReadQueue();
	#inFlight = new Map<string, PendingRead>();
	#writes: Task[] = [];
	#readOnly: Task[] = [];
	#busy: 'read' | 'write' | 'paint' | null = null;
	/** Low-priority reads wait for this once after higher ones ran (see the constructor). */
	#beforeLow: (() => Promise<void>) | null;
	#lowWaited = true;
	#pumpQueued = false;
	#cache: ResultCache;
	#version = 0;
	#writeIds = 0;
	#listeners = new Set<(version: number) => void>();
	#settledWaiters: (() => void)[] = [];

	/**
	 * `beforeLow`, in a page: resolves once the answers delivered so far are painted. Low-priority
	 * reads (the counts beside the charts) then start after the charts show their new numbers, not
	 * while the page renders them (the worker and the page share two cores, and their answers'
	 * handling landed before the charts' frame: bench:repaint 1M p50 42 ms).
	 */
	constructor(
		connect: () => Promise<QueryEngine>,
		cache = new ResultCache(),
		beforeLow: (() => Promise<void>) | null = null
	) {
		this.#connect = connect;
		this.#cache = cache;
		this.#beforeLow = beforeLow;
	}

	/** Bumped by every write: answers from an older version are stale. */
	get dataVersion(): number {
		return this.#version;
	}

	/** Told the new data version after each write. Returns the unsubscribe function. */
	onChange(listener: (version: number) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Starts the engine now rather than at the first query (it takes seconds in a browser). */
	start(): Promise<QueryEngine> {
		this.#engine ??= this.#connect().catch((e: unknown) => {
			this.#engine = null; // a later call may try again
			throw e;
		});
		return this.#engine;
	}

	query(spec: QuerySpec, options: ReadOptions = {}): Promise<Table> {
		const { signal, cache = true } = options;
		const priority = PRIORITY[options.priority ?? 'normal'];
		const key = JSON.stringify([spec.sql, spec.params ?? []]);
		if (signal?.aborted) return Promise.reject(abortError(signal));
		const hit = cache ? this.#cache.get(`${this.#version}:${key}`) : undefined;
		if (hit) return Promise.resolve(hit);
		let read = cache ? this.#inFlight.get(key) : undefined;
		if (read && !read.running) this.#reads.raise(read, priority);
		if (!read) {
			read = new PendingRead(key, spec, priority, cache);
			if (cache) this.#inFlight.set(key, read);
			this.#reads.push(read);
		}
		const pending = read;
		const answer = pending.wait(signal, () => this.#abandon(pending));
		this.#pumpSoon();
		return answer;
	}

	/**
	 * Runs `fn` alone: queued reads wait, running ones finish first, no other write interleaves.
	 * `fn` gets a connection of its own (its TEMP tables are private and go with it); it must use
	 * that engine, never `query()`, which would wait for this very write.
	 */
	write<T>(label: string, fn: (engine: LocalEngine, scope: WriteScope) => Promise<T>): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.#writes.push(async () => {
				const id = ++this.#writeIds;
				const scope: WriteScope = {
					id,
					unique: (base, ...parts) => [base, `w${id}`, ...parts].join('_')
				};
				let outcome: { value: T } | { error: unknown };
				try {
					const engine = await this.start();
					if (!isLocal(engine)) throw new Error(`${label}: this engine is read-only`);
					const connection = await engine.connect();
					try {
						outcome = { value: await fn(connection, scope) };
					} finally {
						await connection.close();
					}
				} catch (error) {
					outcome = { error };
				}
				// Still inside the write: no read can meet the old cache with the new data, and
				// the writer already sees the new version when its promise settles.
				this.#version++;
				this.#cache.clear();
				for (const listener of this.#listeners) listener(this.#version);
				if ('value' in outcome) resolve(outcome.value);
				else reject(outcome.error);
			});
			this.#pump();
		});
	}

	/**
	 * Runs `task` on a connection of its own inside a read-only transaction, always rolled back
	 * (see inReadOnlySession): for SQL the app did not write, such as the research console's.
	 * It waits for queued writes and never runs during one; it bumps no data version and its
	 * answers are never cached (the caller keeps them, with the version they were read at).
	 * Aborting `signal` drops it from the queue, or, once it runs, drops its answer and stops the
	 * statement in the engine (in the browser); the next task starts when it has stopped.
	 */
	readOnly<T>(
		task: (session: ReadOnlySession) => Promise<T>,
		options: { signal?: AbortSignal } = {}
	): Promise<T> {
		const { signal } = options;
		if (signal?.aborted) return Promise.reject(abortError(signal));
		return new Promise<T>((resolve, reject) => {
			const onAbort = () => {
				const at = this.#readOnly.indexOf(run);
				if (at !== -1) this.#readOnly.splice(at, 1);
				reject(abortError(signal));
			};
			const run: Task = async () => {
				try {
					const engine = await this.start();
					if (!isLocal(engine)) {
						// A remote engine (the server) runs each statement behind the same walls itself.
						resolve(await task({ query: (spec) => engine.query(spec, { signal }) }));
						return;
					}
					const connection = await engine.connect();
					try {
						resolve(await inReadOnlySession(connection, task, signal)); // no-op once aborted
					} finally {
						await connection.close();
					}
				} catch (error) {
					reject(error);
				} finally {
					signal?.removeEventListener('abort', onAbort);
				}
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.#readOnly.push(run);
			this.#pumpSoon();
		});
	}

	/**
	 * Resolves once nothing is queued or running (at once if so now): for work that should not
	 * compete with the charts' queries for the machine, such as the router's navigation after a
	 * filter change.
	 */
	settled(): Promise<void> {
		return new Promise((resolve) => {
			this.#settledWaiters.push(resolve);
			this.#pumpSoon();
		});
	}

	async close(): Promise<void> {
		const engine = this.#engine;
		this.#engine = null;
		await (await engine?.catch(() => null))?.close();
	}

	#abandon(read: PendingRead) {
		if (read.waiters.size || read.running) return;
		this.#reads.remove(read);
		if (this.#inFlight.get(read.key) === read) this.#inFlight.delete(read.key);
	}

	/** Starts the next task if nothing runs: writes before reads, so reads wait for writes. */
	#pump() {
		if (this.#busy) return;
		const write = this.#writes.shift();
		if (write) {
			this.#busy = 'write';
			void write().finally(() => this.#next());
			return;
		}
		const readOnly = this.#readOnly.shift();
		if (readOnly) {
			this.#busy = 'read';
			void readOnly().finally(() => this.#next());
			return;
		}
		const next = this.#reads.peek();
		if (next && next.priority === PRIORITY.low && !this.#lowWaited && this.#beforeLow) {
			this.#lowWaited = true;
			this.#busy = 'paint';
			void this.#beforeLow().finally(() => this.#next());
			return;
		}
		const read = this.#reads.shift();
		if (!read) {
			for (const settle of this.#settledWaiters.splice(0)) settle();
			return;
		}
		if (read.priority !== PRIORITY.low) this.#lowWaited = false;
		this.#busy = 'read';
		void this.#run(read).finally(() => this.#next());
	}

	/**
	 * Starts the next read after the current task's other asks are queued: a page update asks for
	 * every chart in one go, and the queue can then run them by priority (charts before the
	 * counts beside them) instead of whichever component asked first.
	 */
	#pumpSoon() {
		if (this.#pumpQueued) return;
		this.#pumpQueued = true;
		queueMicrotask(() => {
			this.#pumpQueued = false;
			this.#pump();
		});
	}

	#next() {
		this.#busy = null;
		this.#pump();
	}

	async #run(read: PendingRead) {
		read.running = true;
		const version = this.#version;
		try {
			const table = await (await this.start()).query(read.spec);
			if (read.cacheable) this.#cache.set(`${version}:${read.key}`, table);
			read.settle({ table });
		} catch (error) {
			read.settle({ error });
		} finally {
			if (this.#inFlight.get(read.key) === read) this.#inFlight.delete(read.key);
		}
	}
}
