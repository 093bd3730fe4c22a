import type { QuerySpec } from '../engine/engine';

/**
 * The case-mix model (domain.md, risk-adjusted provider comparison): improvement ~ baseline +
 * sessions attended + condition + technique + age band, ordinary least squares over every
 * included episode of the measure (the whole dataset, not the filter: the expectation is what a
 * typical episode like this one achieves here). The factors are dummy-coded against their most
 * common level; a missing label is a level of its own.
 *
 * All in SQL, sized by the model, not the data: the episodes are summed per condition × technique
 * × age band cell (counts, sums, sums of squares and products of baseline and sessions), X'X and
 * X'y are added up from the cells, and the normal equations are solved by Gauss–Jordan
 * elimination in a recursive CTE over the (25 × 26 at most, with the built-in labels) augmented
 * matrix held as a list of rows. A column whose pivot vanishes (a level aliased with others) is
 * dropped, its coefficient 0, as R's lm does: the fitted values are the least-squares ones.
 *
 * Fitted once per import and measure (a derived table, model/derived-tables.ts): refitted at every
 * filter change it was ~250 ms of a comparison at 1M sessions (the recursive solve 38 ms, the
 * cell and level sums ~40, the fitted values ~35), where reading the stored fit leaves a
 * group-by. `create` makes the two tables: `expected` (episode, measure, expected improvement of
 * every included episode) and `fit` (measure, episodes `model_n`, `model_rank`, residual SD
 * `sigma` on n − rank degrees of freedom); `insert` fills both for one measure (bound).
 */
export function caseMixSql(
	episodeMeasures: string,
	tables: { expected: string; fit: string }
): { create: string[]; insert: (measure: string) => QuerySpec[] } {
	const ctes = caseMixCtes(episodeMeasures);
	const run = (select: string) => `WITH RECURSIVE ${ctes} ${select}`;
	return {
		create: [
			`CREATE OR REPLACE TABLE ${tables.expected} AS SELECT episode, measure, 0::DOUBLE AS expected
				FROM ${episodeMeasures} WHERE false`,
			`CREATE OR REPLACE TABLE ${tables.fit} (measure VARCHAR, model_n INTEGER,
				model_rank INTEGER, sigma DOUBLE)`
		],
		insert: (measure) => [
			{
				sql: `INSERT INTO ${tables.expected} ${run('SELECT episode, measure, expected FROM cm_fitted')}`,
				params: [measure]
			},
			{
				sql: `INSERT INTO ${tables.fit} ${run('SELECT ?, model_n, model_rank, sigma FROM cm_fit')}`,
				params: [measure, measure]
			}
		]
	};
}

/** The model's CTEs over one measure's included episodes (its key the one bound parameter). */
function caseMixCtes(episodeMeasures: string): string {
	const factors = [
		['condition', 'condition'],
		['technique', 'technique'],
		['age_band', 'age_band']
	] as const;
	const levelKeys = factors.map(([f]) => `coalesce(${f}::VARCHAR, '') AS ${f}`).join(', ');
	return `
		cm_episodes AS (
			SELECT episode, measure, ${levelKeys}, baseline::DOUBLE AS b, sessions::DOUBLE AS s,
				improvement::DOUBLE AS y
			FROM ${episodeMeasures}
			WHERE measure::VARCHAR = (SELECT ?::VARCHAR) AND excluded IS NULL
		), cm_levels AS (
			SELECT factor, level, (3 + row_number() OVER (ORDER BY factor, level))::INTEGER AS feature
			FROM (
				SELECT factor, level,
					row_number() OVER (PARTITION BY factor ORDER BY count(*) DESC, level) AS commonness
				FROM (${factors.map(([f]) => `SELECT '${f}' AS factor, ${f} AS level FROM cm_episodes`).join(' UNION ALL ')})
				GROUP BY factor, level
			) WHERE commonness > 1
		), cm_cells AS (
			SELECT condition, technique, age_band, count(*)::DOUBLE AS n, sum(b) AS sb, sum(s) AS ss,
				sum(b * b) AS sbb, sum(s * s) AS sss, sum(b * s) AS sbs,
				sum(y) AS sy, sum(y * b) AS syb, sum(y * s) AS sys
			FROM cm_episodes GROUP BY ALL
		), cm_terms AS (
			-- each cell's non-zero columns; kind 0 is a constant 1, 1 the baseline, 2 the sessions
			SELECT condition, technique, age_band, 1 AS feature, 0 AS kind FROM cm_cells
			UNION ALL SELECT condition, technique, age_band, 2, 1 FROM cm_cells
			UNION ALL SELECT condition, technique, age_band, 3, 2 FROM cm_cells
			${factors
				.map(
					([f]) => `UNION ALL SELECT c.condition, c.technique, c.age_band, l.feature, 0
			FROM cm_cells c JOIN cm_levels l ON l.factor = '${f}' AND l.level = c.${f}`
				)
				.join('\n\t\t\t')}
		), cm_xtx AS (
			SELECT u.feature AS i, v.feature AS j,
				sum(CASE least(u.kind, v.kind) * 10 + greatest(u.kind, v.kind)
					WHEN 0 THEN n WHEN 1 THEN sb WHEN 2 THEN ss
					WHEN 11 THEN sbb WHEN 12 THEN sbs ELSE sss END) AS value
			FROM cm_terms u JOIN cm_terms v USING (condition, technique, age_band)
				JOIN cm_cells USING (condition, technique, age_band)
			GROUP BY i, j
		), cm_xty AS (
			SELECT feature AS i, sum(CASE kind WHEN 0 THEN sy WHEN 1 THEN syb ELSE sys END) AS value
			FROM cm_terms JOIN cm_cells USING (condition, technique, age_band)
			GROUP BY i
		), cm_grid AS (
			SELECT unnest(range(1, p + 1)) AS i FROM (SELECT 3 + count(*) AS p FROM cm_levels)
		), cm_rows AS (
			SELECT r.i, list_append(
					list(coalesce(x.value, 0) ORDER BY c.i), coalesce(any_value(y.value), 0)) AS row,
				coalesce(max(x.value) FILTER (WHERE c.i = r.i), 0) AS diagonal
			FROM cm_grid r CROSS JOIN cm_grid c
				LEFT JOIN cm_xtx x ON x.i = r.i AND x.j = c.i LEFT JOIN cm_xty y ON y.i = r.i
			GROUP BY r.i
		), cm_system AS (
			SELECT list(row ORDER BY i) AS m, list(diagonal ORDER BY i) AS d FROM cm_rows
		), cm_solve(k, m, kept) AS (
			SELECT 1, m, []::BOOLEAN[] FROM cm_system
			UNION ALL
			SELECT k + 1,
				CASE WHEN ok THEN list_transform(m, (row, i) -> CASE WHEN i = k
					THEN list_transform(row, x -> x / m[k][k])
					ELSE list_transform(row, (x, j) -> x - row[k] * m[k][j] / m[k][k]) END)
				ELSE m END,
				list_append(kept, ok)
			FROM (SELECT k, cm_solve.m, kept, abs(cm_solve.m[k][k]) > 1e-9 * d[k] AS ok
				FROM cm_solve CROSS JOIN cm_system WHERE k <= len(d))
		), cm_beta AS (
			SELECT list_transform(kept, (ok, i) -> CASE WHEN ok THEN m[i][len(m) + 1] ELSE 0 END)
					AS beta,
				len(list_filter(kept, ok -> ok)) AS model_rank
			FROM cm_solve WHERE k = len(m) + 1
		), cm_fitted AS (
			SELECT *, y - expected AS residual FROM (
				SELECT e.*, beta[1] + beta[2] * b + beta[3] * s
					${factors.map(([f]) => `+ coalesce(beta[l_${f}.feature], 0)`).join(' ')} AS expected
				FROM cm_episodes e CROSS JOIN cm_beta
				${factors
					.map(
						([f]) =>
							`LEFT JOIN cm_levels l_${f} ON l_${f}.factor = '${f}' AND l_${f}.level = e.${f}`
					)
					.join('\n\t\t\t\t')}
			) e
		), cm_fit AS (
			SELECT count(*)::INTEGER AS model_n, any_value(model_rank)::INTEGER AS model_rank,
				sqrt(sum(residual * residual) / NULLIF(count(*) - any_value(model_rank), 0)) AS sigma
			FROM cm_fitted CROSS JOIN cm_beta
		)`;
}
