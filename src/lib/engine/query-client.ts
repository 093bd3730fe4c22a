import type { Table } from 'apache-arrow';
import type { Coordinator, ReadOptions } from './coordinator';
import { isAbortError, type QuerySpec } from './engine';

export interface ClientHandlers {
	/** The answer to the newest query asked; never an older one. */
	result(table: Table): void;
	error(error: unknown): void;
	/** A new query was asked (show that the current answer is being replaced). */
	pending?(): void;
	/** Nothing is asked now (no query), and any query before is cancelled: none is coming. */
	idle?(): void;
}

/**
 * A view's standing query (after Mosaic's MosaicClient): it declares `query(filters)` and
 * receives answers. Each update cancels the query it supersedes — dropped before it runs if it
 * is still queued, its answer discarded if not — so a slow stale answer never lands.
 */
export class QueryClient<F> {
	#controller: AbortController | null = null;
	#destroyed = false;

	constructor(
		private readonly coordinator: Coordinator,
		private readonly query: (filters: F) => QuerySpec | null,
		private readonly handlers: ClientHandlers,
		private readonly options: Omit<ReadOptions, 'signal'> = {}
	) {}

	/** Asks again for these filters (or for new data under the same ones). */
	update(filters: F): void {
		if (this.#destroyed) return;
		this.#controller?.abort();
		const spec = this.query(filters);
		if (!spec) {
			this.#controller = null;
			this.handlers.idle?.();
			return;
		}
		const controller = new AbortController();
		this.#controller = controller;
		this.handlers.pending?.();
		this.coordinator.query(spec, { ...this.options, signal: controller.signal }).then(
			(table) => {
				if (this.#controller === controller) this.handlers.result(table);
			},
			(e: unknown) => {
				if (this.#controller === controller && !isAbortError(e)) this.handlers.error(e);
			}
		);
	}

	/** The view is gone: its query is cancelled and nothing more is delivered. */
	destroy(): void {
		this.#destroyed = true;
		this.#controller?.abort();
		this.#controller = null;
	}
}
