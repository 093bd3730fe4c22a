// The analysis bench's printed tables, notes and JSON summary. Timings only: nothing asserts.
import { WARMUPS } from './states';
import type { AnalysisSizeResult } from './types';

/** Nearest-rank percentile: of 20 states p50 is the 10th, p95 the 19th fastest. */
export function percentile(xs: readonly number[], p: number): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

const stats = (xs: number[]) => ({
	p50: percentile(xs, 50),
	p95: percentile(xs, 95),
	max: percentile(xs, 100)
});

/**
 * What a filter change repaints on first view of the page (a 1200 × 900 window): the matrix with
 * its sentences, the chips' counts and the exclusions line; the charts below ask only once
 * scrolled to (their queries wait while off screen), and the pairwise table once unfolded.
 */
export const LANDING_PANELS = ['matrix', 'chips', 'excluded'];
/**
 * Of those, the chart: the page paints the matrix once its answer is in, and only then asks the
 * counts beside it (low priority, after the paint: engine/coordinator.ts), so the matrix alone is
 * what a filter change waits for before the chart shows its new numbers (bench:repaint times it
 * with the rendering, on the real page).
 */
const LANDING_CHART = ['matrix'];
const landing = (
	r: AnalysisSizeResult,
	path: 'appMs' | 'bareMs',
	panels: readonly string[] = LANDING_PANELS
) =>
	stats(
		r.states.map((s) =>
			s.panels.filter((p) => panels.includes(p.panel)).reduce((t, p) => t + p[path], 0)
		)
	);

export function summariseAnalysis(r: AnalysisSizeResult) {
	const app = r.states.map((s) => s.appMs);
	const panels = [...new Set(r.states.flatMap((s) => s.panels.map((p) => p.panel)))].map(
		(panel) => {
			const of = r.states.flatMap((s) => s.panels.filter((p) => p.panel === panel));
			return {
				panel,
				appMs: percentile(
					of.map((p) => p.appMs),
					50
				),
				bareMs: percentile(
					of.map((p) => p.bareMs),
					50
				)
			};
		}
	);
	return {
		rows: r.rows,
		deriveMs: r.deriveMs ?? null,
		bareDeriveMs: r.bareDeriveMs ?? null,
		states: r.states.length,
		app: stats(app),
		bare: stats(r.states.map((s) => s.bareMs)),
		landing: { app: landing(r, 'appMs'), bare: landing(r, 'bareMs') },
		landingChart: {
			app: landing(r, 'appMs', LANDING_CHART),
			bare: landing(r, 'bareMs', LANDING_CHART)
		},
		decodeP50: percentile(
			r.states.map((s) => s.decodeMs),
			50
		),
		panels,
		tables: r.tables ?? null,
		memoryMb: r.memoryMb ?? null,
		error: r.error ? `${r.failedAt}: ${r.error}` : null
	};
}
export type AnalysisSummary = ReturnType<typeof summariseAnalysis>;

const ms = (x: number | null | undefined) =>
	x == null || Number.isNaN(x) ? '—' : x < 100 ? x.toFixed(1) : x.toFixed(0);
const n = (x: number | null | undefined) => (x == null ? '—' : x.toLocaleString('en-US'));
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

export function analysisTables(sums: readonly AnalysisSummary[]): string {
	const head = [
		'| session rows | derive ms app / bare | all charts: app p50 | app p95 | app max | bare p50 | bare p95 | bare max | first view: app p50 / p95 | bare p50 / p95 | its chart (matrix): app p50 / p95 | decode p50 | slowest panel (app p50) | sessions / observations / episode_measures / episode_points |',
		'|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|'
	];
	const body = sums.map((s) => {
		const slowest = [...s.panels].sort((a, b) => b.appMs - a.appMs)[0];
		const t = s.tables;
		const rows = t
			? [t.sessions, t.observations, t.episode_measures, t.episode_points].map(n).join(' / ')
			: '—';
		const cells = [
			n(s.rows),
			`${ms(s.deriveMs)} / ${ms(s.bareDeriveMs)}`,
			...[s.app.p50, s.app.p95, s.app.max, s.bare.p50, s.bare.p95, s.bare.max].map(ms),
			`${ms(s.landing.app.p50)} / ${ms(s.landing.app.p95)}`,
			`${ms(s.landing.bare.p50)} / ${ms(s.landing.bare.p95)}`,
			`${ms(s.landingChart.app.p50)} / ${ms(s.landingChart.app.p95)}`,
			ms(s.decodeP50),
			slowest ? `${slowest.panel} ${ms(slowest.appMs)}` : '—',
			rows
		];
		return row(cells) + (s.error ? `\n| ${n(s.rows)} | FAILED (${s.error.slice(0, 200)}) |` : '');
	});
	const panels = [...new Set(sums.flatMap((s) => s.panels.map((p) => p.panel)))];
	const perPanel = [
		row(['panel: p50 ms, app engine / bare', ...sums.map((s) => n(s.rows))]),
		`|---|${sums.map(() => '--:').join('|')}|`,
		...panels.map((panel) =>
			row([
				panel,
				...sums.map((s) => {
					const p = s.panels.find((x) => x.panel === panel);
					return p ? `${ms(p.appMs)} / ${ms(p.bareMs)}` : '—';
				})
			])
		)
	];
	return [...head, ...body, '', ...perPanel].join('\n');
}

/** Both paths must have returned the same rows for every query, else the timings compare nothing. */
function mismatches(results: readonly AnalysisSizeResult[]): string[] {
	return results.flatMap((r) => {
		const bad = r.states.flatMap((s) => s.panels.filter((p) => p.rows !== p.bareRows));
		return bad.length ? [`WARNING ${n(r.rows)}: ${bad.length} answers differ in row count`] : [];
	});
}

/** Queries that failed, per size and message (numbers in the message vary: they are folded). */
function failures(results: readonly AnalysisSizeResult[]): string[] {
	return results.flatMap((r) => {
		const counts = new Map<string, number>();
		for (const p of r.states.flatMap((s) => s.panels)) {
			for (const [path, error] of [
				['app', p.error],
				['bare', p.bareError]
			] as const) {
				if (!error) continue;
				const key = `${path} ${p.panel}: ${error.replace(/\d+/g, 'N')}`;
				counts.set(key, (counts.get(key) ?? 0) + 1);
			}
		}
		const list = [...counts].map(([key, k]) => `${k}× ${key}`);
		return list.length
			? [`FAILED answers at ${n(r.rows)} (timed all the same): ${list.join('; ')}`]
			: [];
	});
}

export function analysisNotes(results: readonly AnalysisSizeResult[], load: string): string[] {
	const states = results[0]?.states.length ?? 0;
	const repeated = Math.max(0, ...results.map((r) => r.repeatedQueries));
	const mb = (x: number | undefined) => (x == null ? '—' : x.toFixed(0));
	const memory = results
		.filter((r) => r.canonicalMb != null)
		.map((r) => `${n(r.rows)}: ${mb(r.canonicalMb)} → ${mb(r.memoryMb)} MB`);
	return [
		`Filter change → all charts (ms): ${states} distinct filter states after ${WARMUPS} warm-up ones, p50/p95/max nearest-rank. app = every panel's query (dashboardQuery for the 8 panels + chipsQuery, 8–9 queries) issued at once through the app's Coordinator on its browser engine, timed until every answer is in and decoded with rowObjects; bare = the same statements and parameters on duckdb-wasm's own connection, one after another (prepared when they have parameters). SVG rendering is not included.`,
		`First view (ms): what a filter change asks while only the top of the page is on screen — ${LANDING_PANELS.join(', ')} — as the sum of those queries' engine times in the same states (the Coordinator runs one read at a time). Charts further down ask only when scrolled to; the pairwise comparisons only when unfolded. Its chart: the matrix's query alone, which is all the page waits for before painting it (the counts are asked after the paint; bench:repaint times query and rendering together on the real page).`,
		`Queries repeated from an earlier state (a cache would answer them): ${repeated}. The Coordinator runs one read at a time, so "at once" means queued: app ≈ sum of its queries.`,
		'derive = buildDerivedTables (episodes → episode_measures → episode_points) in a Coordinator write; bare = its recorded statements replayed. The canonical tables are made in SQL (scripts/bench/analysis/synthetic-sql.ts), 8 sessions per episode, not imported.',
		"Per panel: the engine's own time for that panel's query (app; queueing excluded) and the bare statement's time, p50 over the states.",
		...(memory.length
			? [
					`DuckDB memory (duckdb_memory()), canonical tables → after the build: ${memory.join('; ')}; its limit in the wasm heap is 3.1 GiB.`
				]
			: []),
		...failures(results),
		...mismatches(results),
		`Load: ${load}.`
	];
}
