import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import { page } from '$app/state';
import type { DashboardContext, Panel } from '../../analysis/dashboard-queries';
import { dashboardQuery } from '../../analysis/dashboard-queries';
import type { QuerySpec } from '../../engine/engine';
import { appData } from '../../datasets/app-data.svelte';
import type { Measure } from '../../measures/registry';
import { decode, encode, type AnalysisState } from '../../state/analysis-url';
import { seriesPalette } from '../../charts/palette';
import { rowObjects } from '../../engine/rows';
import { liveQuery } from '../../state/live-query.svelte';
import { dimensionsQuery, type Dimension } from '../../stats/dimensions';

/** The views that share the analysis state (routes under src/routes). */
export type ViewPath = '/' | '/director' | '/therapist' | '/therapist/[patient]' | '/report';

/** The longest a new view's address waits for its charts' queries before being written. */
const NAVIGATION_WAIT_MS = 300;

export interface DimensionRow {
	dimension: Dimension;
	value: string;
	episodes: number;
	patients: number;
}

/**
 * The analysis page's state, read from the address on every navigation (so back/forward and a
 * pasted link restore the view) and changed only by navigating to a new address (shown from the
 * moment it is asked for, see `show`). Panels read their query from here; none keeps a copy.
 */
export class AnalysisView {
	readonly #decoded = $derived(decode(page.url.searchParams));
	/** Plain notes about address values that were ignored. */
	readonly dropped = $derived(this.#decoded.dropped);
	/** The view just asked for, shown from the click on until its address is written (see show). */
	#asked = $state.raw<{ state: AnalysisState; search: string } | null>(null);
	#navigating = 0;
	/** What was shown last: the same view read back from the address keeps its object. */
	#shown: { state: AnalysisState; search: string } | null = null;
	readonly state: AnalysisState = $derived.by(() => {
		const next = this.#asked ?? { state: this.#decoded.state, search: encode(this.#decoded.state) };
		if (this.#shown?.search !== next.search) this.#shown = next;
		return this.#shown.state;
	});
	readonly measure: Measure | undefined = $derived(
		appData.measures.find((m) => m.key === this.state.measure) ?? appData.measures[0]
	);
	/** True when the address asks for a measure this dataset does not have. */
	readonly measureMissing = $derived(
		!!this.measure && appData.measures.length > 0 && this.measure.key !== this.state.measure
	);
	readonly #dimensions = liveQuery(() => (appData.active ? dimensionsQuery() : null));
	/** Every value of every filterable field, with its episodes and patients. */
	readonly dimensions = $derived(rowObjects<DimensionRow>(this.#dimensions.table));
	/** One style per technique and per condition, keyed by the dataset's full lists. */
	readonly styles = $derived({
		technique: seriesPalette(this.#values('technique')),
		condition: seriesPalette(this.#values('condition'))
	});
	/** The condition the forest plot is about: the clicked cell, the one filtered, or the largest. */
	readonly focus = $derived(
		this.state.select.condition ??
			(this.state.filters.condition.length === 1 ? this.state.filters.condition[0]! : null) ??
			this.dimensions
				.filter((d) => d.dimension === 'condition')
				.reduce<DimensionRow | null>((a, d) => (a && a.episodes >= d.episodes ? a : d), null)
				?.value ??
			null
	);

	/** Call during component initialisation (it keeps a query of its own). */
	constructor(private readonly path: ViewPath = '/') {}

	/** This view's own address, without the query string. */
	#href(): string {
		// resolve() puts a parameter in as given: a patient id is encoded here.
		return this.path === '/therapist/[patient]'
			? resolve(this.path, { patient: encodeURIComponent(page.params.patient ?? '') })
			: resolve(this.path);
	}

	#values(dimension: Dimension): string[] {
		return this.dimensions.filter((d) => d.dimension === dimension).map((d) => d.value);
	}

	readonly context: DashboardContext | null = $derived(
		appData.active && this.measure
			? { state: this.state, measure: this.measure.key, focus: this.focus }
			: null
	);

	/** A panel's query, or null while nothing is loaded. */
	query(panel: Panel): QuerySpec | null {
		return this.context ? dashboardQuery(panel, this.context) : null;
	}

	/**
	 * Shows `next` now and navigates to its address once the charts are answered (the engine has
	 * nothing left to run, or NAVIGATION_WAIT_MS at most): the router's work (10–19 ms of the page
	 * at 1M sessions) then neither delays their queries nor competes with DuckDB's worker for the
	 * machine's cores. The address is the truth again once every navigation asked for has
	 * finished (read back, it is the same view: `state` keeps its object).
	 */
	show(next: AnalysisState): void {
		const search = encode(next);
		this.#asked = { state: decode(search).state, search };
		this.#navigating++;
		// The next task: the charts have asked by then.
		setTimeout(() => {
			const waited = new Promise((done) => setTimeout(done, NAVIGATION_WAIT_MS));
			void Promise.race([appData.coordinator.settled(), waited])
				.then(() =>
					// Only the query string changes; the path is resolved here.
					// eslint-disable-next-line svelte/no-navigation-without-resolve
					goto(`${this.#href()}${search ? `?${search}` : ''}`, {
						keepFocus: true,
						noScroll: true
					})
				)
				.catch(() => {}) // a navigation superseded by a newer one: that one's address holds
				.finally(() => {
					if (--this.#navigating === 0) this.#asked = null;
				});
		});
	}
}
