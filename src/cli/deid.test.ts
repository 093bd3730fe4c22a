import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SAMPLE = 'sample-data/sessions.csv';
const FIXED = ['patient', 'episode', 'session', 'days', 'condition', 'technique'];

async function cli(...args: string[]) {
	try {
		const { stdout, stderr } = await run('node_modules/.bin/tsx', ['src/cli/main.ts', ...args]);
		return { code: 0, stdout, stderr };
	} catch (e) {
		const failure = e as { code: number; stdout: string; stderr: string };
		return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
	}
}

const python = (() => {
	try {
		execFileSync('python3', ['--version']);
		return true;
	} catch {
		return false;
	}
})();

describe('npm run cli -- deid', () => {
	it('writes Parquet that reads back, and prints exactly one JSON object saying what it did', async () => {
		const out = join(mkdtempSync(join(tmpdir(), 'mo-deid-')), 'x.parquet');
		const { code, stdout } = await cli(
			'deid',
			SAMPLE,
			'--out',
			out,
			'--json',
			'--now',
			'2026-11-25'
		);
		expect(code).toBe(0);
		const report = JSON.parse(stdout);
		expect(report).toMatchObject({
			k: 5,
			quasiIdentifiers: ['clinic', 'therapist', 'age_band', 'sex', 'condition'],
			input: { patients: 600, episodes: 600, sessions: 4432 },
			files: { extract: out, report: out.replace(/parquet$/, 'report.json') }
		});
		expect(report.counts).toEqual({
			removed: report.removed.length,
			generalised: report.generalised.reduce((n: number, g: { rows: number }) => n + g.rows, 0),
			suppressed: report.suppressed.rows
		});
		expect(report.counts.removed).toBeGreaterThan(5);
		const rows = await parquetReadObjects({ file: new Uint8Array(readFileSync(out)).buffer });
		expect(rows.length).toBe(report.output.rows);
		expect(Object.keys(rows[0]!).slice(0, 6)).toEqual(FIXED);
		expect(Object.keys(rows[0]!)).not.toContain('notes');
		const classes = new Map<string, Set<unknown>>();
		for (const r of rows) {
			const key = JSON.stringify(report.quasiIdentifiers.map((q: string) => r[q]));
			classes.set(key, (classes.get(key) ?? new Set()).add(r.patient));
		}
		const smallest = Math.min(...[...classes.values()].map((s) => s.size));
		expect(smallest).toBeGreaterThanOrEqual(5);
		expect(report.kReached).toBe(smallest);
		expect(JSON.parse(readFileSync(report.files.report, 'utf8'))).toEqual(
			Object.fromEntries(Object.entries(report).filter(([key]) => key !== 'files'))
		);
	}, 120_000);

	it.skipIf(!python)(
		'writes CSV that the Python check (scripts/reference/deid_check.py) finds clean (skipped without python3)',
		async () => {
			const out = join(mkdtempSync(join(tmpdir(), 'mo-deid-')), 'x.csv');
			const args = ['--out', out, '--k', '3', '--quasi', 'clinic,sex,age_band,condition'];
			const { code, stdout } = await cli('deid', SAMPLE, ...args, '--aggregate');
			expect(code).toBe(0);
			expect(stdout).toMatch(/^De-identified export: \d+ rows/);
			expect(stdout).toContain('at least 3 patients');
			const check = await run('python3', [
				'scripts/reference/deid_check.py',
				out,
				out.replace(/csv$/, 'report.json')
			]);
			expect(JSON.parse(check.stdout)).toMatchObject({ failures: [], unexpected_columns: [] });
			expect(readFileSync(out.replace(/csv$/, 'aggregate.csv'), 'utf8')).toContain(
				'fewer than 11 patients'
			);
		},
		120_000
	);

	it('refuses, with exit code 2, an export with nowhere to go or an unknown quasi-identifier', async () => {
		const noOut = await cli('deid', SAMPLE, '--json');
		expect({ code: noOut.code, stdout: noOut.stdout }).toEqual({ code: 2, stdout: '' });
		expect(noOut.stderr).toMatch(/--out <path\.csv\|path\.parquet>/);
		const badQuasi = await cli('deid', SAMPLE, '--out', '/tmp/x.csv', '--quasi', 'zip');
		expect(badQuasi.code).toBe(2);
		expect(badQuasi.stderr).toMatch(/--quasi takes clinic, therapist/);
		const badK = await cli('deid', SAMPLE, '--out', '/tmp/x.csv', '--k', '1');
		expect({ code: badK.code, stderr: badK.stderr }).toEqual({
			code: 2,
			stderr: 'k must be a whole number from 2 to 1000, not 1.\n'
		});
	});
});
