import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readMappingFile } from './mapping-file';

const run = promisify(execFile);
const MESSY = 'tests/fixtures/import/messy-semicolon.csv';

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

describe('npm run cli -- import', () => {
	it('prints exactly one JSON object with the report and every problem at its data row', async () => {
		const { code, stdout } = await cli('import', MESSY, '--json', '--now', '2026-11-25');
		expect(code).toBe(0);
		const out = JSON.parse(stdout);
		expect(out).toMatchObject({
			rows: 12,
			accepted: 8,
			rejected: 4,
			// Label and format tidying (19) is counted apart from corrected values (4).
			corrected: 4,
			standardised: 19,
			patients: 4,
			sessions: 8,
			layout: 'wide',
			mapping: { patient: 'Client ID', date: 'Date', pain: 'Pain (0-10)' }
		});
		expect(out.problems.map((p: { row: number; reason: string }) => [p.row, p.reason])).toEqual([
			[5, 'out_of_range'],
			[6, 'invalid_date'],
			[7, 'missing_patient'],
			[8, 'conflicting_duplicate'],
			[9, 'exact_duplicate'],
			[10, 'conflicting_duplicate'],
			[11, 'not_numeric'],
			[12, 'future_date']
		]);
		expect(out.problems[0]).toMatchObject({
			file: 'messy-semicolon.csv',
			column: 'Pain (0-10)',
			value: '11'
		});
	});

	it('says what it found in plain words, reasons included', async () => {
		const { code, stdout } = await cli('import', MESSY, '--now', '2026-11-25');
		expect(code).toBe(0);
		expect(stdout).toContain(
			'12 rows read: 8 accepted, 4 rejected; 4 values corrected, 19 labels and formats standardised.'
		);
		expect(stdout).toContain('Row rejected, No patient: 1');
		expect(stdout).toContain('Value rejected, Value out of range: 1');
		expect(stdout).not.toMatch(/missing_patient|out_of_range/);
	});

	it('round-trips the mapping it used through --mapping', async () => {
		const first = JSON.parse((await cli('import', MESSY, '--json', '--now', '2026-11-25')).stdout);
		const path = join(mkdtempSync(join(tmpdir(), 'mo-')), 'mapping.json');
		writeFileSync(path, JSON.stringify(first.mappingFile));
		const again = JSON.parse(
			(await cli('import', MESSY, '--json', '--now', '2026-11-25', '--mapping', path)).stdout
		);
		expect(again).toEqual(first);
	});

	it('fails with exit code 2 and a clear message on unreadable input', async () => {
		const { code, stdout, stderr } = await cli('import', 'no/such/file.csv', '--json');
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toMatch(/Cannot read no\/such\/file\.csv/);
	});

	it('names, in one line, the required fields no column maps to and how to map them', async () => {
		const file = 'tests/fixtures/import/unmapped-columns.csv';
		const { code, stdout, stderr } = await cli('import', file, '--json');
		expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
		expect(stderr).toBe(
			'unmapped-columns.csv: no column maps to Patient; Session date or Visit / week number; at least one measure. ' +
				'Name them (fields.patient; fields.date or fields.visit; measures) in a mapping file, see docs/mapping.schema.json, and pass it with --mapping.\n'
		);
	});

	it('refuses a mapping that does not follow the schema, naming the problem', async () => {
		const path = join(mkdtempSync(join(tmpdir(), 'mo-')), 'bad.json');
		writeFileSync(path, JSON.stringify({ layout: 'diagonal', fields: {}, measures: {} }));
		const { code, stderr } = await cli('import', MESSY, '--mapping', path);
		expect(code).toBe(1);
		expect(stderr).toMatch(/does not follow docs\/mapping\.schema\.json[\s\S]*layout/);
	});

	it('refuses a mapping the schema alone cannot catch, in the same plain words as the screen', async () => {
		const path = join(mkdtempSync(join(tmpdir(), 'mo-')), 'range.json');
		const odi = { key: 'odi_v2', label: 'ODI v2', instrument: 'ODI', unit: 'points' };
		const measure = { ...odi, min: 100, max: 0, better: 'lower', mcid: null };
		writeFileSync(
			path,
			JSON.stringify({
				layout: 'wide',
				fields: { patient: 'Client ID', date: 'Date' },
				measures: { odi_v2: 'Sleep' },
				customMeasures: [measure]
			})
		);
		const { code, stdout, stderr } = await cli('import', MESSY, '--json', '--mapping', path);
		expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
		expect(stderr).toContain('customMeasures/0/max: Measure "ODI v2": "To" must be above "From".');
	});
});

describe('mapping files', () => {
	it('accept the documented cdystonia example', async () => {
		const mapping = await readMappingFile('docs/examples/cdystonia.mapping.json');
		expect(mapping.fields.patient).toEqual(['site', 'id']);
	});

	const CDYSTONIA = '../shared/datasets/cdystonia.csv';
	it.skipIf(!existsSync(CDYSTONIA))(
		'import the real trial export with the example mapping (needs ../shared/datasets; skipped in a plain clone)',
		async () => {
			const { stdout } = await cli(
				'import',
				CDYSTONIA,
				'--json',
				'--mapping',
				'docs/examples/cdystonia.mapping.json'
			);
			expect(JSON.parse(stdout)).toMatchObject({
				rows: 631,
				accepted: 631,
				patients: 109,
				mapping: { condition: '= Cervical dystonia' }
			});
		}
	);
});
