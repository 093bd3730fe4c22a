import { describe, expect, it } from 'vitest';
import { fixture, imported, problems } from '../../../tests/support/import';
import { freshDb, rows, TEST_NOW } from '../../../tests/support/db';
import { importFiles } from './import-files';
import type { Mapping } from './mapping';
import type { LocalEngine } from '../engine/engine';
import { DATASET_TABLES } from './pipeline';

describe('import of a messy semicolon, decimal-comma export', () => {
	it('maps the columns by their names', async () => {
		const { mapping, db } = await imported('messy-semicolon.csv');
		expect(mapping.fields).toMatchObject({
			patient: 'Client ID',
			date: 'Date',
			condition: 'Dx',
			technique: 'Modality',
			minutes: 'Duration'
		});
		expect(mapping.measures).toEqual({ pain: 'Pain (0-10)', sleep: 'Sleep', flexibility: 'ROM %' });
		await db.close();
	});

	it('accounts for every row: accepted + rejected = rows read', async () => {
		const { report, db } = await imported('messy-semicolon.csv');
		expect(report).toMatchObject({ rows: 12, accepted: 8, rejected: 4, patients: 4, sessions: 8 });
		await db.close();
	});

	it('reports each problem at its data row with the value verbatim', async () => {
		const { db } = await imported('messy-semicolon.csv');
		expect(await problems(db)).toEqual([
			{
				row: 5,
				column: 'Pain (0-10)',
				value: '11',
				severity: 'rejected_value',
				reason: 'out_of_range'
			},
			{
				row: 6,
				column: 'Date',
				value: '30/02/2025',
				severity: 'rejected_row',
				reason: 'invalid_date'
			},
			{
				row: 7,
				column: 'Client ID',
				value: null,
				severity: 'rejected_row',
				reason: 'missing_patient'
			},
			{ row: 8, column: null, value: null, severity: 'flag', reason: 'conflicting_duplicate' },
			{ row: 9, column: null, value: null, severity: 'rejected_row', reason: 'exact_duplicate' },
			{
				row: 10,
				column: null,
				value: null,
				severity: 'rejected_row',
				reason: 'conflicting_duplicate'
			},
			{
				row: 11,
				column: 'Pain (0-10)',
				value: 'abc',
				severity: 'rejected_value',
				reason: 'not_numeric'
			},
			{ row: 12, column: 'Date', value: '01/12/2026', severity: 'flag', reason: 'future_date' }
		]);
		await db.close();
	});

	it('reports whole-column coercions once, with counts', async () => {
		const { report, db } = await imported('messy-semicolon.csv');
		const kinds = Object.fromEntries(
			report.coercions.map((c) => [`${c.column}/${c.kind}`, c.count])
		);
		expect(kinds).toEqual({
			'Date/date_format': 8,
			'Dx/category_normalised': 5,
			'Modality/category_normalised': 5,
			'Pain (0-10)/decimal_comma': 1,
			'Pain (0-10)/missing_marker': 1,
			'Pain (0-10)/out_of_text': 1,
			'Pain (0-10)/trimmed_whitespace': 1,
			'ROM %/percent_sign': 1
		});
		expect(report.notes).toContain('Dates read day-first (5 of 12 can only be day-first).');
		// Tidying labels and forms is not correcting values: each is counted on its own.
		expect(report).toMatchObject({ corrected: 4, standardised: 19 });
		const effects = Object.fromEntries(report.coercions.map((c) => [c.kind, c.effect]));
		expect(effects).toEqual({
			date_format: 'standardised',
			category_normalised: 'standardised',
			trimmed_whitespace: 'standardised',
			decimal_comma: 'corrected',
			missing_marker: 'corrected',
			out_of_text: 'corrected',
			percent_sign: 'corrected'
		});
		await db.close();
	});

	it('reads coerced values, normalises categories and never clips', async () => {
		const { db } = await imported('messy-semicolon.csv');
		expect(
			await rows(
				db,
				`SELECT s.patient, s.technique::VARCHAR AS technique, o.value
			FROM observations o JOIN sessions s USING (session_id) WHERE o.measure = 'pain' ORDER BY s.session_id`
			)
		).toEqual([
			{ patient: 'C-01', technique: 'Myofascial release', value: 7.5 },
			{ patient: 'C-01', technique: 'Myofascial release', value: 6 },
			{ patient: 'C-02', technique: 'Neuromuscular / trigger point', value: 8 },
			{ patient: 'C-03', technique: 'Swedish', value: 4 },
			{ patient: 'C-04', technique: 'Deep tissue', value: 6 }
		]);
		await db.close();
	});
});

describe('a failed import', () => {
	it('leaves the loaded dataset exactly as it was', async () => {
		const { db } = await imported('messy-semicolon.csv');
		const before = await rows(db, 'SELECT count(*)::INTEGER AS n FROM sessions');
		const bad: Mapping = {
			layout: 'wide',
			fields: { patient: 'Client ID', date: 'Date' },
			measures: { nonsense: 'Sleep' }
		};
		await expect(
			importFiles(db, [fixture('messy-semicolon.csv')], { now: TEST_NOW, mapping: bad })
		).rejects.toThrow(/not a known measure/);
		expect(await rows(db, 'SELECT count(*)::INTEGER AS n FROM sessions')).toEqual(before);
		await db.close();
	});
});

describe('a mapping that does not validate', () => {
	it('is refused before any SQL runs, saying what is wrong, and nothing is changed', async () => {
		const { db, mapping } = await imported('messy-semicolon.csv');
		const before = await rows(db, 'SELECT count(*)::INTEGER AS n FROM observations');
		// A "From" left empty in the form: every score of the column used to vanish silently.
		const emptyFrom = {
			...mapping,
			measures: { ...mapping.measures, sleep_item: 'Sleep' },
			customMeasures: [
				{
					key: 'sleep_item',
					label: 'Sleep item',
					instrument: 'Sleep item',
					unit: 'points',
					min: null as unknown as number,
					max: 10,
					better: 'higher' as const,
					mcid: null
				}
			]
		};
		await expect(
			importFiles(db, [fixture('messy-semicolon.csv')], { now: TEST_NOW, mapping: emptyFrom })
		).rejects.toThrow('The mapping cannot be used: Measure "Sleep item": "From" must be a number.');
		expect(await rows(db, 'SELECT count(*)::INTEGER AS n FROM observations')).toEqual(before);
		await db.close();
	});
});

describe('value renames and merges', () => {
	it('apply to source values and to the labels they became', async () => {
		const db = await freshDb();
		const first = await importFiles(db, [fixture('messy-semicolon.csv')], { now: TEST_NOW });
		const mapping: Mapping = {
			...first.mapping,
			valueAliases: {
				technique: {
					'Myofascial release': 'MFR (all kinds)',
					trigger: 'Trigger work',
					NMT: 'Trigger work'
				}
			}
		};
		await importFiles(db, [fixture('messy-semicolon.csv')], { now: TEST_NOW, mapping });
		expect(
			await rows(
				db,
				`SELECT technique::VARCHAR AS technique, count(*)::INTEGER AS n
			FROM sessions GROUP BY ALL ORDER BY 1`
			)
		).toEqual([
			{ technique: 'Deep tissue', n: 1 },
			{ technique: 'MFR (all kinds)', n: 3 },
			{ technique: 'Neuromuscular / trigger point', n: 1 },
			{ technique: 'Swedish', n: 2 },
			{ technique: 'Trigger work', n: 1 }
		]);
		await db.close();
	});
});

describe('a long build', () => {
	it('reports its steps as it goes', async () => {
		const db = await freshDb();
		const steps: string[] = [];
		const csv = 'patient,date,pain\nP1,2025-01-06,5\n';
		await importFiles(db, [{ name: 's.csv', blob: new Blob([csv]) }], {
			now: TEST_NOW,
			onStep: (s) => steps.push(s)
		});
		expect(steps).toEqual([
			'Reading dates, numbers and categories',
			'Checking every row',
			'Listing problems',
			'Building sessions and episodes of care',
			'Attaching scores',
			'Computing improvement per episode of care'
		]);
		await db.close();
	});
});

describe('a large import', () => {
	const tableText = async (db: LocalEngine) => {
		const out: Record<string, unknown[]> = {};
		for (const t of DATASET_TABLES)
			out[t] = await rows(db, `SELECT columns(*)::VARCHAR FROM ${t} ORDER BY ALL`);
		return out;
	};
	for (const name of ['messy-semicolon.csv', 'long-tidy.csv', 'redcap.csv'])
		it(`keeps its largest work tables compressed and builds the same tables: ${name}`, async () => {
			const small = await imported(name);
			const db = await freshDb();
			const written: string[] = [];
			const watched: LocalEngine = {
				...db,
				query: (spec, options) => (written.push(spec.sql), db.query(spec, options))
			};
			await importFiles(watched, [fixture(name)], {
				now: TEST_NOW,
				largeImportRows: 0,
				pieceRows: 3
			});
			// Rows are taken three at a time, except in deciding REDCap's (a patient's events go together)
			// and in attaching a long file's scores (a session's rows may fall in two pieces).
			const pieces = (t: string) => written.filter((sql) => sql.startsWith(`INSERT INTO ${t}`));
			expect(pieces('cand_rows').length).toBe(
				name === 'redcap.csv' ? 0 : pieces('sessions_next').length
			);
			expect(pieces('sessions_next').length).toBeGreaterThan(0);
			expect(pieces('observations_next').length).toBe(
				name === 'long-tidy.csv' ? 0 : pieces('sessions_next').length
			);
			for (const table of ['cand_rows', 'session_groups'])
				expect(written.some((sql) => sql.startsWith(`CREATE OR REPLACE  TABLE ${table} AS`))).toBe(
					true
				);
			expect(await tableText(db)).toEqual(await tableText(small.db));
			await Promise.all([db.close(), small.db.close()]);
		});
});
