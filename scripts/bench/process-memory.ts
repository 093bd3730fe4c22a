// Peak memory of a Chromium tab, read from Linux's /proc. DuckDB has no counter for the memory a
// statement holds while it runs, and the wasm heap lives in the engine's worker, out of the page's
// reach. The renderer process that hosts the page and its worker has one: VmHWM, its peak
// resident set, which only rises. It counts every wasm page the engine ever touched.
import { readdirSync, readFileSync } from 'node:fs';

/** Process ids under /proc whose command line contains every one of `args`. */
function processesWith(args: string[]): string[] {
	const pids: string[] = [];
	for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
		try {
			// Chromium rewrites its children's argv into one space-separated string.
			const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
			if (args.every((a) => argv.includes(a))) pids.push(pid);
		} catch {
			// the process ended between the listing and the read
		}
	}
	return pids;
}

const kilobytes = (status: string, field: string) =>
	Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);

/**
 * Peak resident set (bytes) of each renderer process of the Chromium that runs on `profile`, by
 * process id; empty off Linux. The page under test is the largest of them by far.
 */
export function rendererPeaks(profile: string): Map<string, number> {
	const peaks = new Map<string, number>();
	for (const pid of processesWith(['--type=renderer', `--user-data-dir=${profile}`])) {
		try {
			const hwm = kilobytes(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmHWM') * 1024;
			if (Number.isFinite(hwm)) peaks.set(pid, hwm);
		} catch {
			// ended meanwhile
		}
	}
	return peaks;
}

/** The largest of `peaks` and its process id, or null when there is none. */
export function largest(peaks: Map<string, number>): { pid: string; bytes: number } | null {
	let best: { pid: string; bytes: number } | null = null;
	for (const [pid, bytes] of peaks) if (!best || bytes > best.bytes) best = { pid, bytes };
	return best;
}
