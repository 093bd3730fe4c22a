import type { QuerySpec } from '../engine/engine';
import type { MeasureScope } from './options';
import { MIN_CELL_PATIENTS } from './small-cells';
import { spec, sql, val } from './sql';
import { includedEpisodes, patients } from './stats-sql';

export interface DistributionOptions extends MeasureScope {
	minPatients?: number;
}

/**
 * About ten bins across the measure's scale (registry min–max), at 1, 2 or 5 × a power of ten:
 * 1 point on a 0–10 scale, 10 on 0–100. From the scale, not the data, so the bins stay put
 * whatever the filter and two selections can be compared bar by bar.
 */
export function binWidthSql(min: string, max: string): string {
	const raw = `((${max}) - (${min})) / 10.0`;
	const power = `pow(10.0, floor(log10(${raw})))`;
	const f = `(${raw} / ${power})`;
	return `CASE WHEN (${max}) > (${min}) THEN CASE WHEN ${f} < 1.5 THEN 1 WHEN ${f} < 3.5 THEN 2
		WHEN ${f} < 7.5 THEN 5 ELSE 10 END * ${power} END`;
}

/**
 * Histogram of individual improvement among the included episodes: bins [x0, x1) from the
 * lowest to the highest occupied one (empty bins between them have count 0), each row carrying
 * the total n (episodes), patients and `suppressed`. Fewer patients than `minPatients` in all:
 * one row with n and patients and no bins, so not even the range of values leaves the engine.
 * A value is binned at round(improvement / width, 9): 0.3 / 0.1 is 2.9999999999999996 in binary.
 */
export function distributionQuery(options: DistributionOptions): QuerySpec {
	const { measure, minPatients = MIN_CELL_PATIENTS } = options;
	const query = sql`
		WITH vals AS (
			SELECT improvement ${includedEpisodes(options)}
		), width AS (
			SELECT ${binWidthSql('"min"', '"max"')} AS w FROM measures WHERE "key" = ${val(measure)}
		), counts AS (
			-- From the table, not from vals: a CTE read twice is materialised, and the patient count
			-- needs the table's statistics (stats-sql patients).
			SELECT count(*)::INTEGER AS n, ${patients()} AS patients ${includedEpisodes(options)}
		), total AS (
			SELECT *, patients < ${val(minPatients)} AS suppressed FROM counts
		), binned AS (
			SELECT floor(round(improvement / w, 9))::BIGINT AS k FROM vals CROSS JOIN width
		), bins AS (
			SELECT unnest(range(min(k), max(k) + 1)) AS k FROM binned
		), counted AS (
			SELECT bins.k, count(binned.k)::INTEGER AS "count"
			FROM bins LEFT JOIN binned USING (k) GROUP BY bins.k
		)
		SELECT counted.k * w AS x0, (counted.k + 1) * w AS x1, "count", n, patients, suppressed
		FROM total LEFT JOIN (counted CROSS JOIN width) ON NOT total.suppressed
		ORDER BY x0`;
	return spec(query);
}
