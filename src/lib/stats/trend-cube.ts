import type { QuerySpec } from '../engine/engine';
import type { Cube } from '../model/episode-cube-sql';
import { TREND_CUBE_FIELDS, TREND_KINDS } from '../model/trend-cube-sql';
import { constrains, type Clause } from '../selection/clause';
import { cubeFilter } from './cube-filter';
import { sql, where } from './sql';
import { cubePatients, measureRows, sdFromSums } from './stats-sql';
import { trendFromCells, trendGroups, type TrendOptions } from './trend';

const TREND_CUBE: Cube = { table: 'trend_cube', fields: TREND_CUBE_FIELDS };

export interface CubeTrendOptions extends Omit<TrendOptions, 'filter'> {
	/** The selection's clauses (cubeFilter writes them in the cube's one shape). */
	clauses: readonly Clause[];
}

/**
 * Whether trend_cube (model/trend-cube-sql.ts) holds a trend: on the session axis, split into
 * panels (its patient counts are for condition × technique cells), every filter on its fields.
 */
export const trendCubeAnswers = ({ axis, facet = null, clauses }: CubeTrendOptions): boolean =>
	axis === 'time' &&
	facet !== null &&
	clauses.every((c) => !constrains(c) || TREND_CUBE.fields.some((f) => f === c.field));

/**
 * trendQuery's rows, added up from trend_cube instead of read from every point: only where
 * trendCubeAnswers says so; the tests check it gives trendQuery's numbers.
 */
export function cubeTrendQuery(options: CubeTrendOptions): QuerySpec {
	if (!trendCubeAnswers(options)) throw new Error('trend_cube does not hold this trend');
	const { series, panel } = trendGroups(options.by, options.facet!);
	const k = TREND_KINDS[options.kind];
	if (!k) throw new Error(`Unknown trend kind: ${String(options.kind)}.`);
	const n = `sum(${k}_n)`;
	const cells = sql`
		SELECT ${panel!.column} AS facet, ${series.column} AS series, "time", ${n}::INTEGER AS n,
			${cubePatients(`${k}_alone`, `${k}_others`)} AS patients,
			sum(${k}_sum) / ${n} AS mean, ${sdFromSums(n, `sum(${k}_sum)`, `sum(${k}_squares)`)} AS sd
		${measureRows('trend_cube', options.measure)} AND ${where(cubeFilter(options.clauses, TREND_CUBE))}
		GROUP BY ALL HAVING ${n} > 0`;
	return trendFromCells(cells, options);
}
