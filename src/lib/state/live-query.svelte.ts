import type { Table } from 'apache-arrow';
import type { ReadOptions } from '../engine/coordinator';
import type { QuerySpec } from '../engine/engine';
import { QueryClient } from '../engine/query-client';
import { appData } from '../datasets/app-data.svelte';
import { describeError, type UserError } from '../errors/user-error';

export interface LiveQuery {
	readonly table: Table | null;
	readonly error: UserError | null;
	readonly loading: boolean;
}

/**
 * A component's query as a function of its state, kept answered: asked again whenever the query
 * or the data changes, only the newest answer shown, and cancelled when the component goes. A
 * null query (no dataset yet, chart off screen) asks nothing and keeps the last answer shown.
 * Call during component initialisation.
 */
export function liveQuery(
	spec: () => QuerySpec | null,
	options: Omit<ReadOptions, 'signal'> = {}
): LiveQuery {
	const state = $state({
		table: null as Table | null,
		error: null as UserError | null,
		loading: true
	});
	const client = new QueryClient<QuerySpec | null>(
		appData.coordinator,
		(current) => current,
		{
			pending: () => (state.loading = true),
			// A chart scrolled away before its answer came keeps its last picture, and is not
			// announced as busy (aria-busy) while nothing is being asked.
			idle: () => (state.loading = false),
			result: (table) => {
				state.table = table;
				state.error = null;
				state.loading = false;
			},
			error: (e) => {
				state.error = describeError(e);
				state.loading = false;
			}
		},
		options
	);
	// The same question on the same data is not asked again: a chart whose own selection changed
	// (crossfilter) or an unrelated state change keeps its answer without a loading flash.
	let asked = '';
	$effect(() => {
		const current = spec();
		const key = JSON.stringify([appData.version, current]);
		if (key === asked) return;
		asked = key;
		client.update(current);
	});
	$effect(() => () => client.destroy());
	return state;
}
