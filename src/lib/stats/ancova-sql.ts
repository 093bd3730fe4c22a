import { patientFlagFor } from '../model/patient-flags';
import type { Clause } from '../selection/clause';
import { cubeFilter } from './cube-filter';
import type { StatsOptions } from './options';
import { MIN_CELL_PATIENTS } from './small-cells';
import { sql, val, where, type Fragment } from './sql';
import { cubeForQuery } from './summary-cube';
import {
	cubePatients,
	deviationSquares,
	includedEpisodes,
	measureRows,
	patients,
	sdFromSums
} from './stats-sql';

export interface ConditionOptions extends StatsOptions {
	/** Techniques are compared within this condition only. */
	condition: string;
	/**
	 * The selection's clauses, when the cube holds every one (cubeHolds): the techniques' sums
	 * are then added up from it instead of read from every episode (`filter` is not used).
	 */
	clauses?: readonly Clause[];
}

/** Per technique within the condition: n, patients, and the moments the model is fitted from. */
function episodeGroups(options: ConditionOptions): Fragment {
	return sql`
			SELECT technique::VARCHAR AS technique, count(*)::INTEGER AS n,
				${patients(['technique'])} AS patients,
				avg(improvement) AS y_mean, stddev_samp(improvement) AS y_sd, avg(baseline) AS x_mean,
				regr_sxx(improvement, baseline) AS sxx, regr_sxy(improvement, baseline) AS sxy,
				regr_syy(improvement, baseline) AS syy
			${includedEpisodes(options)}
				AND technique IS NOT NULL AND condition = ${val(options.condition)}
			GROUP BY technique`;
}

/**
 * episodeGroups' rows added up from the cube's sums (x the baseline, y the improvement):
 * Sxx = Σx² − (Σx)²/n, Sxy = Σxy − ΣxΣy/n, Syy likewise. The tests check it gives the same
 * answers, against the same SciPy references.
 */
function cubeGroups(options: ConditionOptions, clauses: readonly Clause[]): Fragment {
	const by = ['condition', 'technique'];
	const cube = cubeForQuery(by, clauses);
	const flag = patientFlagFor(by).column;
	const n = 'sum(n)';
	const [x, y] = ['sum(baseline_sum)', 'sum(improvement_sum)'];
	return sql`
			SELECT technique::VARCHAR AS technique, ${n}::INTEGER AS n,
				${cubePatients(flag, `${flag}_others`)} AS patients,
				${y} / ${n} AS y_mean, ${sdFromSums(n, y, 'sum(improvement_squares)')} AS y_sd,
				${x} / ${n} AS x_mean, ${deviationSquares(n, x, 'sum(baseline_squares)')} AS sxx,
				sum(baseline_improvement) - ${x} * ${y} / ${n} AS sxy,
				${deviationSquares(n, y, 'sum(improvement_squares)')} AS syy
			${measureRows(cube.table, options.measure)} AND ${where(cubeFilter(clauses, cube))}
				AND technique IS NOT NULL AND condition = ${val(options.condition)}
			GROUP BY technique HAVING ${n} > 0`;
}

/**
 * The CTEs `judged` (one row per technique within the condition: n, patients, suppressed, mean and
 * SD of improvement, mean baseline, and the within-technique sums of squares and products) and
 * `fit` (one row: the ANCOVA improvement ~ technique + baseline by OLS over the techniques that
 * are not suppressed). A common slope fitted with technique intercepts is exactly the pooled
 * within-group regression: β = Sxy_w / Sxx_w, SSE = Syy_w − β·Sxy_w, s² = SSE / (N − G − 1).
 * Episodes without a recorded technique belong to no arm and take no part.
 */
export function techniqueModel(options: ConditionOptions): Fragment {
	const { clauses, minPatients = MIN_CELL_PATIENTS } = options;
	return sql`
		groups AS (${clauses ? cubeGroups(options, clauses) : episodeGroups(options)}
		), judged AS (
			SELECT *, patients < ${val(minPatients)} AS suppressed FROM groups
		), pooled AS (
			-- sums of INTEGER are HUGEINT, which Arrow hands over as decimals: DOUBLE throughout
			SELECT sum(n)::DOUBLE AS big_n, count(*)::DOUBLE AS g, sum(sxx) AS sxx_w,
				sum(sxy) AS sxy_w, sum(syy) AS syy_w, sum(n * x_mean) / sum(n) AS x_grand
			FROM judged WHERE NOT suppressed
		), fit AS (
			SELECT *, sxy_w / NULLIF(sxx_w, 0) AS beta,
				CASE WHEN big_n - g - 1 >= 1 THEN (big_n - g - 1)::INTEGER END AS model_df,
				sqrt(greatest(syy_w - sxy_w * sxy_w / NULLIF(sxx_w, 0), 0) / NULLIF(big_n - g - 1, 0))
					AS s
			FROM pooled
		)`;
}

/**
 * Benjamini–Hochberg q-values of column `p` over the rows of `source` that have one: q_(i) =
 * min over j ≥ i of m·p_(j)/j, at most 1 (R's p.adjust, SciPy's false_discovery_control). Tied
 * p-values get the same q whichever way the tie is ordered.
 */
export function benjaminiHochberg(source: string, p: string, q: string, tiebreak: string) {
	return `
		SELECT * EXCLUDE (bh_m, bh_rank),
			CASE WHEN ${p} IS NOT NULL THEN least(1.0, min(bh_m * ${p} / bh_rank) OVER (
				ORDER BY bh_rank DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) END AS ${q}
		FROM (
			SELECT *, count(${p}) OVER () AS bh_m,
				row_number() OVER (ORDER BY ${p} NULLS LAST, ${tiebreak}) AS bh_rank
			FROM ${source}
		)`;
}
