import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { dbWithCsv, readSampleCsv } from '../../tests/support/db';
import { rowObjects } from '../lib/engine/rows';
import { NO_FILTER } from '../lib/stats/sql';
import { summaryQuery } from '../lib/stats/summary';

const run = promisify(execFile);
const SAMPLE = 'sample-data/sessions.csv';
// dbWithCsv imports as of the same date.
const NOW = ['--now', '2026-11-25'];

/** Runs the command line as a user would; resolves with exit code, stdout and stderr. */
async function cli(...args: string[]) {
	try {
		const { stdout, stderr } = await run('node_modules/.bin/tsx', ['src/cli/main.ts', ...args]);
		return { code: 0, stdout, stderr };
	} catch (e) {
		const failure = e as { code: number; stdout: string; stderr: string };
		return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
	}
}

type Group = Record<string, unknown> & { key: Record<string, unknown>; n: number };
interface Output {
	measure: string;
	by: string[];
	groups: Group[];
	excluded: Record<string, number>;
}
const STATISTICS = ['baseline_mean', 'improvement_mean', 'improvement_sd', 'ci_low', 'ci_high'];
const RESPONDERS = ['srm', 'responders', 'responder_rate', 'responder_ci_low', 'responder_ci_high'];
const TARGET = ['target_n', 'target_rate', 'target_ci_low', 'target_ci_high'];

describe('npm run cli -- summary', () => {
	it('prints one JSON object: the builder’s groups keyed by field, and the excluded', async () => {
		const args = ['--measure', 'pain', '--by', 'condition,technique', '--target', '1', '--json'];
		const { code, stdout } = await cli('summary', SAMPLE, ...args, ...NOW);
		expect(code).toBe(0);
		const out = JSON.parse(stdout) as Output;
		expect(Object.keys(out)).toEqual(['measure', 'by', 'groups', 'excluded']);
		expect(out).toMatchObject({ measure: 'pain', by: ['condition', 'technique'] });
		const fields = ['key', 'n', 'patients', 'suppressed', ...STATISTICS, ...RESPONDERS, ...TARGET];
		for (const g of out.groups) expect(Object.keys(g)).toEqual(fields);
		// Small groups are listed with their n and no statistic.
		const small = out.groups.filter((g) => g.suppressed);
		expect(small.length).toBeGreaterThan(0);
		for (const g of small) {
			expect(g.n).toBeGreaterThan(0);
			expect(fields.slice(4).every((f) => g[f] === null)).toBe(true);
		}
		// The same import and builder in this process: the command adds plumbing, no statistics.
		const { db } = await dbWithCsv(readSampleCsv());
		try {
			const spec = summaryQuery({
				measure: 'pain',
				filter: NO_FILTER,
				by: ['condition', 'technique'],
				target: 1
			});
			const direct = rowObjects<Record<string, unknown>>(await db.query(spec));
			// Sums may round differently in the last bit from one import to the next.
			const close = (v: unknown) =>
				typeof v === 'number' && !Number.isInteger(v) ? expect.closeTo(v, 12) : v;
			const keyed = direct.map(({ condition, technique, ...rest }) => ({
				key: { condition, technique },
				...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, close(v)]))
			}));
			expect(out.groups).toEqual(keyed);
			const [all] = rowObjects<{ episodes: number }>(
				await db.query({
					sql: 'SELECT count(DISTINCT episode)::INTEGER AS episodes FROM episode_measures'
				})
			);
			const left = Object.values(out.excluded).reduce((s, n) => s + n, 0);
			expect(out.groups.reduce((s, g) => s + g.n, 0) + left).toBe(all?.episodes);
		} finally {
			await db.close();
		}
	});

	it('groups by dose, with a threshold instead of an MCID and no target columns', async () => {
		const args = ['--measure', 'sleep', '--by', 'length_band', '--threshold', '2'];
		const { code, stdout } = await cli('summary', SAMPLE, ...args, '--min-patients', '3', '--json');
		expect(code).toBe(0);
		const out = JSON.parse(stdout) as Output;
		const bands = out.groups.map((g) => g.key.length_band as number);
		expect(bands.every((b) => [15, 30, 45, 60].includes(b))).toBe(true);
		expect(bands).toEqual([...bands].sort((a, b) => a - b));
		for (const g of out.groups) {
			expect(Object.keys(g)).not.toContain('target_n');
			// Sleep has no MCID: without --threshold there would be no responders at all.
			if (!g.suppressed) expect(typeof g.responders).toBe('number');
		}
	});

	it('prints a readable table without --json', async () => {
		const args = ['--measure', 'pain', '--by', 'technique'];
		const { code, stdout } = await cli('summary', SAMPLE, ...args, ...NOW);
		expect(code).toBe(0);
		const lines = stdout.split('\n');
		expect(lines[0]).toBe('Pain: improvement per episode of care, by technique.');
		expect(lines[1]).toMatch(/^technique\s+episodes\s+patients\s+mean improvement\s+95 % CI/);
		expect(stdout).toMatch(/Swedish\s+\d+\s+\d+\s+-?\d+\.\d\d\s+-?\d+\.\d\d to -?\d+\.\d\d/);
		expect(stdout).toContain('Left out of change statistics:');
	});

	it('refuses an unknown field or measure in plain words, with exit code 1', async () => {
		const badBy = await cli('summary', SAMPLE, '--measure', 'pain', '--by', 'technique,colour');
		expect(badBy).toMatchObject({ code: 1, stdout: '' });
		expect(badBy.stderr).toBe(
			'Cannot group by colour: --by takes one or more of clinic, therapist, condition, technique, age_band, sex, length_band, sessions, separated by commas.\n'
		);
		const noBy = await cli('summary', SAMPLE, '--measure', 'pain');
		expect(noBy.code).toBe(1);
		expect(noBy.stderr).toMatch(/^Say what to group by/);
		const badMin = await cli(
			'summary',
			SAMPLE,
			'--measure',
			'pain',
			'--by',
			'sex',
			'--min-patients',
			'0'
		);
		expect(badMin).toMatchObject({ code: 1, stderr: '--min-patients takes a whole number ≥ 1.\n' });
		const badMeasure = await cli('summary', SAMPLE, '--measure', 'mood', '--by', 'sex', ...NOW);
		expect(badMeasure).toMatchObject({ code: 1, stdout: '' });
		expect(badMeasure.stderr).toBe(
			'This dataset has no measure "mood"; its measures are pain, flexibility, sleep, stress.\n'
		);
	});
});
