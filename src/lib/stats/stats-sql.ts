import type { Cube } from '../model/episode-cube-sql';
import { patientFlagFor } from '../model/patient-flags';
import type { MeasureScope } from './options';
import { sql, val, where, type Fragment } from './sql';

/** Φ⁻¹(0.975), for Wilson intervals (domain.md). */
export const Z = 1.959963984540054;

/**
 * `FROM table WHERE` the rows of one measure. The table is joined to measure_keys (one row per
 * measure, the same ENUM) instead of comparing its column with the bound key: DuckDB then hands
 * the matching key to the scan as a filter and, the derived tables being sorted by measure, skips
 * the other measures' row groups by their min/max, where a bound key compared directly is tested
 * on every row (1M sessions, Node duckdb-wasm, count of one measure: episode_points 11.8 → 4.1 ms,
 * episode_measures 3.3 → 2.7 ms). Continue with `AND …`.
 */
export const measureRows = (
	table: 'episode_measures' | 'episode_points' | Cube['table'],
	measure: string
) =>
	sql`FROM ${table} JOIN measure_keys USING (measure)
		WHERE measure_keys.measure = ${val(measure)}`;

/**
 * The included episodes of one measure within the filter: those with a baseline and a follow-up,
 * the only ones change statistics describe (excluded ones are counted by excludedQuery).
 */
export const includedEpisodes = ({ measure, filter }: MeasureScope): Fragment =>
	sql`${measureRows('episode_measures', measure)} AND excluded IS NULL AND ${where(filter)}`;

/**
 * Distinct patients among the rows (those matching `filter`) of a query grouped by `by`, exactly.
 * A row with the grouping's patient flag (model/patient-flags.ts) is one patient by itself; only
 * the others need a distinct count. With no flag but single_episode (a grouping by neither
 * technique nor condition × technique), that count sets a bit per patient number (dense,
 * 1…patients) and counts them, twice as fast as count(DISTINCT)'s hashing at 1M sessions (trend
 * 94 → 53 ms); otherwise few rows are left, and list_unique over their patient numbers costs next
 * to nothing, where bits would cost a patients-long bitstring per group. No rows gives NULL bits,
 * hence the coalesce. bitstring_agg sizes its bits from patient_no's statistics, which a
 * materialised CTE (one read twice) does not carry: count over the table or a CTE read once,
 * else DuckDB refuses the query ("Could not retrieve required statistics"), which every
 * builder's tests would show.
 */
export function patients(by: readonly string[] = [], filter: Fragment = sql`TRUE`): Fragment {
	const { column, fields } = patientFlagFor(by);
	const others = sql`${filter} AND NOT ${column}`;
	const rest = fields.length
		? sql`coalesce(list_unique(list(patient_no) FILTER (WHERE ${others})), 0)`
		: sql`coalesce(bit_count(bitstring_agg(patient_no) FILTER (WHERE ${others})), 0)`;
	return sql`(count(*) FILTER (WHERE ${filter} AND ${column}) + ${rest})::INTEGER`;
}

/**
 * The sample SD from a count, a sum and a sum of squares added up over cube rows (as
 * stddev_samp gives it: NULL below two values). A remainder within rounding of zero, every value
 * alike, is zero, where the subtraction would leave a tiny or negative number.
 */
export function sdFromSums(n: string, sum: string, squares: string): string {
	return `CASE WHEN ${n} > 1 THEN sqrt(${deviationSquares(n, sum, squares)} / (${n} - 1)) END`;
}

/**
 * The sum of squared deviations from the mean, Σ(x − x̄)² = Σx² − (Σx)²/n, from added-up sums
 * (as regr_sxx gives it); a remainder within rounding of zero, every value alike, is zero.
 */
export function deviationSquares(n: string, sum: string, squares: string): string {
	const remainder = `${squares} - ${sum} ^ 2 / ${n}`;
	return `CASE WHEN ${remainder} <= 1e-12 * ${squares} THEN 0 ELSE ${remainder} END`;
}

/**
 * Distinct patients over cube rows added up (model/episode-cube-sql.ts, trend-cube-sql.ts): the
 * count of flagged episodes (`alone`: one patient each) and the patient numbers of the rest
 * (`others`) counted distinct.
 */
export const cubePatients = (alone: string, others: string) =>
	`(sum(${alone}) + coalesce(list_unique(flatten(list(${others})
		FILTER (WHERE ${others} IS NOT NULL))), 0))::INTEGER`;

/** A value only when its cell is not suppressed: a small cell's statistics never leave SQL. */
export const shown = (value: string, suppressed = 'suppressed') =>
	`CASE WHEN NOT ${suppressed} THEN ${value} END`;

/**
 * Half-width of the 95 % t-interval (NULL below two values: t975(0) is NULL). Pass `t` when the
 * quantile is a column computed once: each t975 call is a table lookup DuckDB plans as a join
 * (about 4 ms of planning a statement, in duckdb-wasm).
 */
export const tHalfWidth = (n: string, sd: string, t = `t975(${n} - 1)`) =>
	`${t} * ${sd} / sqrt(${n})`;

/**
 * Wilson 95 % interval ends of a proportion `p` of `n`, as domain.md writes it: both DOUBLE
 * columns (n·n overflows INTEGER beyond ~46k episodes in one cell), computed once before, so the
 * expressions stay short (written out from the counts they were a third of a summary's planning).
 * Clamped to [0, 1]: at 0 % and 100 % one end is exactly 0 or 1, which rounding would leave at
 * ±1e-17.
 */
export function wilson(p: string, n: string): { low: string; high: string } {
	const z2 = `${Z * Z}::DOUBLE`;
	const centre = `(${p} + ${z2} / (2 * ${n}))`;
	const half = `(${Z}::DOUBLE * sqrt(${p} * (1 - ${p}) / ${n} + ${z2} / (4 * ${n} * ${n})))`;
	const denominator = `(1 + ${z2} / ${n})`;
	return {
		low: `greatest(0.0, (${centre} - ${half}) / ${denominator})`,
		high: `least(1.0, (${centre} + ${half}) / ${denominator})`
	};
}
