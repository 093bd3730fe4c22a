import type { Table } from 'apache-arrow';
import type { QuerySpec } from '../engine/connector';
import type { Coordinator } from '../engine/coordinator';

export interface LiveQuery {
	readonly table: Table | null;
	readonly error: string | null;
	readonly loading: boolean;
}

/**
 * A component declares the query it needs as a function of its state; this runs it through the
 * coordinator whenever that changes and keeps only the newest answer, so a slow superseded query
 * never overwrites a fresh one. Call during component initialisation.
 */
export function liveQuery(coordinator: Coordinator, spec: () => QuerySpec | null): LiveQuery {
	const state = $state({
		table: null as Table | null,
		error: null as string | null,
		loading: true
	});
	let latest = 0;
	$effect(() => {
		const current = spec();
		if (!current) return;
		const id = ++latest;
		state.loading = true;
		coordinator.query(current).then(
			(table) => {
				if (id !== latest) return;
				state.table = table;
				state.error = null;
				state.loading = false;
			},
			(e: unknown) => {
				if (id !== latest) return;
				state.error = e instanceof Error ? e.message : String(e);
				state.loading = false;
			}
		);
	});
	return state;
}
