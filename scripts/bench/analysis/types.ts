// What the analysis bench hands from the Chromium page to the Node side (plain JSON).

export interface AnalysisOptions {
	/** Replay only the first n states (debugging); default all of them. */
	states?: number;
}

/** One replayed filter state: wall time until every chart's answer was in, per path. */
export interface StateTimes {
	label: string;
	queries: number;
	/** App: issue every query through the Coordinator at once, until all are answered and decoded. */
	appMs: number;
	/** Of which decoding the answers (rowObjects), summed over the queries. */
	decodeMs: number;
	/** Bare: the same statements one after another on duckdb-wasm's own connection. */
	bareMs: number;
	/** Per panel: the engine's time for its query (app) and the bare statement's time. */
	panels: {
		panel: string;
		appMs: number;
		bareMs: number;
		rows: number;
		bareRows: number;
		/** The query failed (its time still counts: the page waited for it too). */
		error?: string;
		bareError?: string;
	}[];
}

export interface TableRows {
	sessions: number;
	observations: number;
	episode_measures: number;
	episode_points: number;
}

export interface AnalysisSizeResult {
	rows: number;
	/** Making the canonical tables in SQL (stands in for an import; not part of any result). */
	synthesiseMs?: number;
	/** buildDerivedTables through a Coordinator write, and the same statements bare. */
	deriveMs?: number;
	bareDeriveMs?: number;
	tables?: TableRows;
	/** DuckDB's own memory use (duckdb_memory(), MB) with the canonical tables, and after the build. */
	canonicalMb?: number;
	memoryMb?: number;
	/** Warm-up states are not in `states`. */
	states: StateTimes[];
	/** Queries whose SQL and parameters an earlier state already asked (a cache would answer). */
	repeatedQueries: number;
	/** Set when a phase failed (e.g. the wasm heap ran out); what finished before is kept. */
	error?: string;
	/** The phase that failed: 'app' or 'bare', and what it was doing. */
	failedAt?: string;
}
