import type { QuerySpec } from '../engine/engine';
import { quoteIdent } from '../engine/quote';
import { isCategoryField } from '../selection/clause';
import { isGroupField, type GroupField } from './group-fields';
import type { MeasureScope, StatsOptions } from './options';
import { MIN_CELL_PATIENTS } from './small-cells';
import { spec, sql, val, where, type Fragment } from './sql';
import { includedEpisodes, measureRows, patients, shown, tHalfWidth, wilson } from './stats-sql';

/** One row of summaryQuery, its group columns apart (null statistics: suppressed or unknown). */
export interface SummaryRow {
	/** Included episodes of care, and the distinct patients behind them. */
	n: number;
	patients: number;
	/** Fewer patients than the threshold: every statistic is null. */
	suppressed: boolean;
	baseline_mean: number | null;
	improvement_mean: number | null;
	improvement_sd: number | null;
	ci_low: number | null;
	ci_high: number | null;
	srm: number | null;
	responders: number | null;
	responder_rate: number | null;
	responder_ci_low: number | null;
	responder_ci_high: number | null;
	target_n: number | null;
	target_rate: number | null;
	target_ci_low: number | null;
	target_ci_high: number | null;
}

export interface SummaryOptions extends StatsOptions {
	/** Grouping fields, in order; [] = one row for the whole selection. */
	by: readonly GroupField[];
}

/**
 * Category labels as text (ENUM or not), dose numbers as numbers: cast in the result, after
 * grouping on the stored (ENUM, small int) column, which is several times cheaper than grouping on
 * the cast text.
 */
function groupColumn(field: GroupField): string {
	if (!isGroupField(field)) throw new Error(`Cannot group by ${String(field)}.`);
	const column = quoteIdent(field);
	const type = isCategoryField(field) ? 'VARCHAR' : 'INTEGER';
	return `${column}::${type} AS ${column}`;
}

/** Responder: improvement ≥ a given threshold, else the stored flag (NULL without an MCID). */
export const responderSql = (threshold: number | null | undefined): Fragment =>
	threshold == null ? sql`responder` : sql`(improvement >= ${val(threshold)})`;

/** Target state: `last` at or better than a given target in the measure's direction. */
const targetSql = (target: number | null | undefined): Fragment =>
	target == null
		? sql`target_met`
		: sql`(CASE WHEN better = 'lower' THEN "last" <= ${val(target)} ELSE "last" >= ${val(target)} END)`;

/**
 * Outcome per group of episodes of care (also the dose views: by length_band or sessions): n
 * included episodes and their distinct patients, mean baseline, mean improvement with SD and
 * 95 % t-interval, SRM, responders and episodes in the target state with Wilson intervals.
 * responders/target are NULL when no episode has a flag (no MCID and no threshold; no target).
 * A group with fewer than `minPatients` patients keeps n and patients, every statistic NULL.
 */
export function summaryQuery(options: SummaryOptions): QuerySpec {
	const { by, threshold, target, minPatients = MIN_CELL_PATIENTS } = options;
	const names = by.map(quoteIdent);
	const responder = responderSql(threshold);
	const met = targetSql(target);
	const cells = sql`
			SELECT ${names.map((g) => `${g}, `).join('')}
				count(*)::INTEGER AS n, ${patients(by)} AS patients,
				avg(baseline) AS baseline_mean, avg(improvement) AS improvement_mean,
				stddev_samp(improvement) AS improvement_sd,
				count(${responder})::INTEGER AS responder_known,
				(count(*) FILTER (WHERE ${responder}))::INTEGER AS responders,
				count(${met})::INTEGER AS target_known,
				(count(*) FILTER (WHERE ${met}))::INTEGER AS target_met_n
			${includedEpisodes(options)}
			GROUP BY ALL HAVING count(*) > 0`;
	return summaryFromCells(cells, by, minPatients);
}

/**
 * summaryQuery's rows from its `cells`: per group (columns named as `by`) n, patients,
 * baseline_mean, improvement_mean, improvement_sd, responder_known, responders, target_known and
 * target_met_n, however they were counted (from episodes, or from the cube's sums).
 */
export function summaryFromCells(
	cells: Fragment,
	by: readonly GroupField[],
	minPatients: number
): QuerySpec {
	const groups = by.map(groupColumn);
	const responderCi = wilson('responder_p', 'responder_count');
	const targetCi = wilson('target_p', 'target_count');
	const known = (count: string, of: string) => shown(`CASE WHEN ${of} > 0 THEN ${count} END`);
	const half = tHalfWidth('n', 'improvement_sd', 't_975');
	const query = sql`
		WITH cells AS (${cells}
		), judged AS (
			SELECT *, patients < ${val(minPatients)} AS suppressed, t975(n - 1) AS t_975,
				responder_known::DOUBLE AS responder_count,
				responders / responder_count AS responder_p,
				target_known::DOUBLE AS target_count, target_met_n / target_count AS target_p
			FROM cells
		)
		SELECT ${groups.map((g) => `${g}, `).join('')}n, patients, suppressed,
			${shown('baseline_mean')} AS baseline_mean,
			${shown('improvement_mean')} AS improvement_mean,
			${shown('improvement_sd')} AS improvement_sd,
			${shown(`improvement_mean - ${half}`)} AS ci_low,
			${shown(`improvement_mean + ${half}`)} AS ci_high,
			${shown('improvement_mean / NULLIF(improvement_sd, 0)')} AS srm,
			${known('responders', 'responder_known')} AS responders,
			${known('responders / responder_known', 'responder_known')} AS responder_rate,
			${known(responderCi.low, 'responder_known')} AS responder_ci_low,
			${known(responderCi.high, 'responder_known')} AS responder_ci_high,
			${known('target_met_n', 'target_known')} AS target_n,
			${known('target_met_n / target_known', 'target_known')} AS target_rate,
			${known(targetCi.low, 'target_known')} AS target_ci_low,
			${known(targetCi.high, 'target_known')} AS target_ci_high
		FROM judged
		ORDER BY ${by.map((_, i) => `${i + 1} NULLS LAST`).join(', ') || 'n'}`;
	return spec(query);
}

/**
 * Episodes left out of change statistics, per reason ('no baseline', 'no follow-up'), each row
 * also carrying the total over the reasons.
 */
export function excludedQuery({ measure, filter }: MeasureScope): QuerySpec {
	return spec(sql`
		SELECT excluded::VARCHAR AS excluded, count(*)::INTEGER AS n, ${patients()} AS patients,
			(sum(count(*)) OVER ())::INTEGER AS total
		${measureRows('episode_measures', measure)} AND excluded IS NOT NULL AND ${where(filter)}
		GROUP BY excluded ORDER BY excluded`);
}
