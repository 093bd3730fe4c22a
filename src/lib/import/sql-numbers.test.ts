import { describe, expect, it } from 'vitest';
import { freshDb, rows, TEST_NOW } from '../../../tests/support/db';
import { BUILT_IN_MEASURES, type Measure } from '../measures/registry';
import { sessionsSql } from './canonical-sql';
import type { Mapping } from './mapping';
import { datasetTablesQueries } from './metadata-sql';
import { cellReadingsSql } from './values-sql';

const pain = BUILT_IN_MEASURES[0]!;
const mapping: Mapping = { layout: 'wide', fields: {}, measures: { pain: 'Pain' } };

describe('numbers that go into SQL', () => {
	it('are refused where the SQL text is built unless finite', async () => {
		for (const bad of [NaN, Infinity, null as unknown as number]) {
			expect(() => cellReadingsSql(mapping, [{ ...pain, min: bad }])).toThrow(
				/not a finite number/
			);
		}
		const db = await freshDb();
		for (const gap of [0, 1.5, NaN]) {
			await expect(sessionsSql(db, gap, 'wide')).rejects.toThrow(/whole number of days/);
		}
		await db.close();
	});

	it('are bound as parameters in the dataset registry, with its texts', async () => {
		const db = await freshDb();
		await db.query({ sql: 'CREATE TABLE sessions_next AS SELECT NULL::DATE AS session_date' });
		const custom: Measure = {
			key: 'rom_knee',
			label: "\ufeffKnee ROM ('flexion')",
			instrument: 'Goniometer',
			unit: '°',
			min: -10.5,
			max: 150,
			better: 'higher',
			mcid: { points: 5, source: "MDC; O'Brien" }
		};
		for (const spec of datasetTablesQueries([custom], mapping, [], 'DMY', TEST_NOW, 'a; DROP'))
			await db.query(spec);
		expect(
			await rows(
				db,
				`SELECT label = ? AS verbatim, min, max, mcid_points, mcid_percent, mcid_source FROM measures_next`,
				[custom.label]
			)
		).toEqual([
			{
				verbatim: true,
				min: -10.5,
				max: 150,
				mcid_points: 5,
				mcid_percent: null,
				mcid_source: "MDC; O'Brien"
			}
		]);
		expect(await rows(db, 'SELECT name, time_unit, date_order FROM dataset_info_next')).toEqual([
			{ name: 'a; DROP', time_unit: 'visit', date_order: 'DMY' }
		]);
		await db.close();
	});
});
