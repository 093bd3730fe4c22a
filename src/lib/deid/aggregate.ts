import type { LocalEngine } from '../engine/engine';
import { rowObjects } from '../engine/rows';
import {
	AGGREGATE_COLUMNS,
	AGGREGATE_MIN_PATIENTS,
	aggregateInsertQuery,
	createAggregateSql
} from './aggregate-sql';
import { tableFile, type DeidFormat } from './files';
import type { DeidReport } from './report';

/** The condition × technique table of every measure, as a file, and what the report says of it. */
export async function aggregateTable(
	db: LocalEngine,
	measures: readonly { key: string }[],
	format: DeidFormat
): Promise<{ bytes: Uint8Array; summary: NonNullable<DeidReport['aggregate']> }> {
	await db.query({ sql: createAggregateSql() });
	for (const m of measures) await db.query(aggregateInsertQuery(m.key));
	const [counts] = rowObjects<{ cells: number; shown: number }>(
		await db.query({
			sql: `SELECT count(*)::INTEGER AS cells, count(patients)::INTEGER AS shown FROM deid_aggregate`
		})
	);
	const columns = AGGREGATE_COLUMNS.map(([name, type]) => ({ name, type }));
	const order = 'measure, condition, technique';
	return {
		bytes: await tableFile(db, 'deid_aggregate', columns, order, format),
		summary: {
			cells: counts!.cells,
			suppressedCells: counts!.cells - counts!.shown,
			minPatients: AGGREGATE_MIN_PATIENTS
		}
	};
}
