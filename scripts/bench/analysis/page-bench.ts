// "Filter change → all charts" at one size, in the Chromium page: the app path, then the bare
// path, each on its own database, closed before the next opens (10M rows need the whole heap).
import { appSide, message, queryKey, type AppStateRun, type SetupOps } from './app-side';
import { bareSide, type BareStateRun } from './bare-side';
import { benchStates, pageQueries, WARMUPS } from './states';
import type { AnalysisOptions, AnalysisSizeResult, StateTimes } from './types';

export async function analysisBench(
	rows: number,
	opts: AnalysisOptions,
	progress: (msg: string) => void
): Promise<AnalysisSizeResult> {
	const states = benchStates().slice(0, opts.states);
	const queries = states.map((s) => pageQueries(s.state));
	const seen = new Set<string>();
	let repeatedQueries = 0;
	for (const q of queries.flat()) {
		const key = queryKey(q.spec);
		if (seen.has(key)) repeatedQueries++;
		seen.add(key);
	}
	const result: AnalysisSizeResult = { rows, states: [], repeatedQueries };
	const ops: SetupOps = { setup: [], synthesise: [], derive: [] };
	let app: AppStateRun[] = [];
	let bare: BareStateRun[] = [];
	try {
		app = await appSide(rows, queries, result, ops, progress);
	} catch (e) {
		[result.error, result.failedAt] = [message(e), 'app'];
		progress(`  app failed: ${result.error}`);
	}
	// Replayed even after an app failure: whether bare duckdb-wasm fits where the app did not.
	try {
		bare = await bareSide(ops, queries, result, progress);
	} catch (e) {
		result.error ??= message(e);
		result.failedAt = result.failedAt ? 'app and bare' : 'bare';
		progress(`  bare failed: ${message(e)}`);
	}
	result.states = states.flatMap(({ label }, i): StateTimes[] => {
		const [a, b] = [app[i], bare[i]];
		if (i < WARMUPS || !a || !b) return [];
		const panels = queries[i]!.map(({ panel }, j) => ({
			panel,
			appMs: a.panels[j]!.ms,
			bareMs: b.panels[j]!.ms,
			rows: a.panels[j]!.rows,
			bareRows: b.panels[j]!.rows,
			...(a.panels[j]!.error && { error: a.panels[j]!.error }),
			...(b.panels[j]!.error && { bareError: b.panels[j]!.error })
		}));
		const n = queries[i]!.length;
		return [{ label, queries: n, appMs: a.ms, decodeMs: a.decodeMs, bareMs: b.ms, panels }];
	});
	return result;
}
