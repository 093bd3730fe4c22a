import type { QuerySpec } from '../engine/engine';
import { patientFlagFor } from '../model/patient-flags';
import type { MeasureScope } from './options';
import { MIN_CELL_PATIENTS } from './small-cells';
import { spec, sql, val, where, type Fragment } from './sql';
import { measureRows, patients, shown, tHalfWidth } from './stats-sql';

export type TrendField = 'technique' | 'condition';

export interface TrendOptions extends MeasureScope {
	/** `time`: the dataset's axis (session number, or the source's visit/week); `week`: weeks since the episode's start. */
	axis: 'time' | 'week';
	/** paired: mean change from the episode's own baseline; raw: mean score (labelled as such). */
	kind: 'paired' | 'raw';
	/** One series per technique or per condition. */
	by: TrendField;
	/** Small multiples: one panel per condition or technique; null = one panel. */
	facet?: TrendField | null;
	/** Points describing fewer patients than this are suppressed (default MIN_CELL_PATIENTS). */
	minPatients?: number;
}

// Lookups, not the option strings, go into the SQL text.
const AXES = { time: '"time"', week: 'week' } as const;
const VALUES = { paired: 'change', raw: 'value' } as const;
// Grouped as ENUMs and named only in the result: grouping on the cast text cost about twice as
// much at 1M sessions (Node duckdb-wasm, trend over every condition: 411 → 222 ms).
const LABELS = {
	technique: { column: 'technique', missing: '(technique not recorded)' },
	condition: { column: 'condition', missing: '(condition not recorded)' }
} as const;
const label = (key: string, missing: string) => `coalesce(${key}::VARCHAR, '${missing}')`;

function pick<T>(table: Record<string, T>, key: string, what: string): T {
	if (!Object.hasOwn(table, key)) throw new Error(`Unknown trend ${what}: ${key}.`);
	return table[key]!;
}

/**
 * Mean per time point, per series (and facet), over `episode_points`, with a 95 % t-interval
 * (mean ± t(0.975, n−1)·SD/√n). paired (domain.md, Paired trend): at point k, among episodes
 * with a baseline observed at k, the mean of (value at k − baseline) × direction — 0 at the
 * baseline — so episodes leaving early cannot move the line the way they move raw means.
 * n counts episodes (one value each: on the week axis an episode's sessions within a week are
 * averaged first), `patients` the people behind them; fewer than `minPatients` patients: the
 * point keeps n and patients, its mean, SD and interval are NULL.
 */
export function trendQuery(options: TrendOptions): QuerySpec {
	const { measure, filter, facet = null } = options;
	const axis = pick(AXES, options.axis, 'axis');
	const value = pick(VALUES, options.kind, 'kind');
	const { series, panel } = trendGroups(options.by, facet);
	// One row per episode and point: the contract makes `time` unique within an episode, a week
	// can hold several sessions, so only the week axis pays for a grouping.
	const perWeek = options.axis === 'week';
	const grouped = [series.column, ...(panel ? [panel.column] : [])];
	const flag = patientFlagFor(grouped);
	const cells = sql`
		WITH points AS (
			SELECT ${panel?.column ?? 'NULL::VARCHAR'} AS facet, ${series.column} AS series,
				${axis}::DOUBLE AS "time",
				episode, patient_no, ${flag.column}, ${perWeek ? `avg(${value})` : value} AS v
			${measureRows('episode_points', measure)} AND ${value} IS NOT NULL AND ${axis} IS NOT NULL
				AND ${where(filter)}
			${perWeek ? 'GROUP BY ALL' : ''}
		)
		SELECT facet, series, "time", count(*)::INTEGER AS n,
			${patients(grouped)} AS patients, avg(v) AS mean, stddev_samp(v) AS sd
		FROM points GROUP BY ALL`;
	return trendFromCells(cells, options);
}

/** The series' and panels' columns and labels (checked: only lookups go into the SQL). */
export function trendGroups(by: TrendField, facet: TrendField | null) {
	return {
		series: pick(LABELS, by, 'series'),
		panel: facet === null ? null : pick(LABELS, facet, 'facet')
	};
}

/**
 * A trend's rows from its cells (facet, series, "time", n, patients, mean, sd): points of fewer
 * than minPatients patients keep n and patients only; each the rest gets its t-interval.
 */
export function trendFromCells(
	cells: Fragment,
	{ by, facet = null, minPatients = MIN_CELL_PATIENTS }: Omit<TrendOptions, 'filter'>
): QuerySpec {
	const { series, panel } = trendGroups(by, facet);
	const half = tHalfWidth('n', 'sd');
	return spec(sql`
		WITH cells AS (${cells}), judged AS (
			SELECT *, patients < ${val(minPatients)} AS suppressed FROM cells
		)
		SELECT ${panel ? label('facet', panel.missing) : 'facet'} AS facet,
			${label('series', series.missing)} AS series, "time", n, patients, suppressed,
			${shown('mean')} AS mean,
			${shown('sd')} AS sd, ${shown(`mean - ${half}`)} AS lo, ${shown(`mean + ${half}`)} AS hi
		FROM judged
		ORDER BY 1 NULLS FIRST, 2, 3`);
}
