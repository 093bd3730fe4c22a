import { cubeFor, isCubeField, type Cube } from '../model/episode-cube-sql';
import { patientFlagFor } from '../model/patient-flags';
import { quoteIdent } from '../engine/quote';
import { constrains, type Clause } from '../selection/clause';
import type { QuerySpec } from '../engine/engine';
import { MIN_CELL_PATIENTS } from './small-cells';
import { cubeFilter } from './cube-filter';
import { sql, where } from './sql';
import { cubePatients, measureRows, sdFromSums } from './stats-sql';
import { summaryFromCells, type SummaryOptions } from './summary';

/**
 * Whether the cube (model/episode-cube-sql.ts) holds what a summary needs: groups and filters on
 * its fields only, a grouping with a patient flag, and the stored responder and target flags (a
 * threshold or target set on the page recomputes them from each episode).
 */
export function cubeAnswers(
	by: SummaryOptions['by'],
	clauses: readonly Clause[],
	options: { threshold?: number | null; target?: number | null }
): boolean {
	return (
		options.threshold == null &&
		options.target == null &&
		by.every(isCubeField) &&
		patientFlagFor(by).fields.length > 0 &&
		cubeHolds(clauses)
	);
}

/** Whether every clause that filters is on a field the cube keeps. */
export const cubeHolds = (clauses: readonly Clause[]): boolean =>
	clauses.every((c) => !constrains(c) || isCubeField(c.field));

/** The smallest cube keeping the grouping and every field a clause filters (cubeHolds first). */
export const cubeForQuery = (by: readonly string[], clauses: readonly Clause[]): Cube =>
	cubeFor([...by, ...clauses.filter(constrains).map((c) => c.field)]);

export interface CubeSummaryOptions extends Omit<SummaryOptions, 'filter'> {
	/** The selection's clauses (cubeFilter writes them in the cube's one shape). */
	clauses: readonly Clause[];
}

/**
 * summaryQuery's rows, added up from the smallest cube that holds them instead of read from
 * every episode: at 1M sessions a quarter of the rows. Only where cubeAnswers says so; the tests check it gives
 * summaryQuery's numbers. The SD comes from the sums of squares (sdFromSums).
 */
export function cubeSummaryQuery(options: CubeSummaryOptions): QuerySpec {
	const { by, measure, clauses, minPatients = MIN_CELL_PATIENTS } = options;
	const { column } = patientFlagFor(by);
	const cube = cubeForQuery(by, clauses);
	const n = 'sum(n)';
	const cells = sql`
			SELECT ${by.map((g) => `${quoteIdent(g)}, `).join('')}
				${n}::INTEGER AS n,
				${cubePatients(column, `${column}_others`)} AS patients,
				sum(baseline_sum) / ${n} AS baseline_mean,
				sum(improvement_sum) / ${n} AS improvement_mean,
				${sdFromSums(n, 'sum(improvement_sum)', 'sum(improvement_squares)')} AS improvement_sd,
				sum(responder_known)::INTEGER AS responder_known,
				sum(responders)::INTEGER AS responders,
				sum(target_known)::INTEGER AS target_known,
				sum(target_met_n)::INTEGER AS target_met_n
			${measureRows(cube.table, measure)} AND ${where(cubeFilter(clauses, cube))}
			GROUP BY ALL HAVING ${n} > 0`;
	return summaryFromCells(cells, by, minPatients);
}
