// Node side of the analysis bench: each size in one page, smallest first; a size that fails
// (e.g. the wasm heap runs out) is reported, and the sizes after it still run.
import { loadavg } from 'node:os';
import type { Harness } from '../../../tests/harness/harness';
import { withHarnessPage } from '../harness-page';
import type { AnalysisOptions, AnalysisSizeResult } from './types';

const log = (msg: string) => console.error(msg);
const load = () => loadavg()[0]!.toFixed(2);

export async function analysisInChromium(sizes: readonly number[], opts: AnalysisOptions = {}) {
	const loads: string[] = [`start ${load()}`];
	const { value: results, version } = await withHarnessPage(async (page) => {
		const results: AnalysisSizeResult[] = [];
		for (const rows of sizes) {
			log(`analysis, chromium, ${rows} session rows`);
			try {
				results.push(
					await page.evaluate(
						([rows, opts]) =>
							(window as unknown as { harness: Harness }).harness.analysisBench(rows, opts),
						[rows, opts] as const
					)
				);
			} catch (e) {
				// The page itself died (a crashed renderer): nothing of this size came back.
				const error = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
				results.push({ rows, states: [], repeatedQueries: 0, error, failedAt: 'page' });
				log(`  failed: ${error}`);
			}
			loads.push(`after ${rows.toLocaleString('en-US')} ${load()}`);
		}
		return results;
	});
	return { results, version, load: `1-min load average ${loads.join(', ')}` };
}
