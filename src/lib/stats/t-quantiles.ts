import quantile from '@stdlib/stats-base-dists-t-quantile';
import type { LocalEngine } from '../engine/engine';
import { installTDistribution } from './t-distribution';

/** Exact quantiles are tabulated up to this many degrees of freedom. */
const T_TABLE_MAX_DF = 1000;
const P = 0.975;
const Z = 1.959963984540054;

/**
 * DuckDB's core has no t-distribution, so 95 % intervals read t(0.975, df) from a table computed
 * by a maintained library (stdlib). Beyond the table the Cornish–Fisher expansion in 1/df is exact
 * to ~1e-10 at df > 1000, so no interval ever falls back to a normal approximation. The t p-value
 * macro is installed with it, so every engine that can draw an interval can also test.
 */
export async function installTQuantiles(db: LocalEngine): Promise<void> {
	const rows = Array.from(
		{ length: T_TABLE_MAX_DF },
		(_, i) => `(${i + 1}, ${quantile(P, i + 1)})`
	);
	const g1 = (Z ** 3 + Z) / 4;
	const g2 = (5 * Z ** 5 + 16 * Z ** 3 + 3 * Z) / 96;
	const g3 = (3 * Z ** 7 + 19 * Z ** 5 + 17 * Z ** 3 - 15 * Z) / 384;
	// Literals would be DECIMAL in DuckDB and overflow; the expansion runs in DOUBLE.
	const d = 'd::DOUBLE';
	await db.query({
		sql: `
		CREATE OR REPLACE TABLE t975_table (df INTEGER PRIMARY KEY, t DOUBLE);
		INSERT INTO t975_table VALUES ${rows.join(',')};
		CREATE OR REPLACE MACRO t975(d) AS CASE
			WHEN d < 1 OR d IS NULL THEN NULL
			WHEN d <= ${T_TABLE_MAX_DF} THEN (SELECT t FROM t975_table WHERE df = d)
			ELSE ${Z}::DOUBLE + ${g1}::DOUBLE / ${d} + ${g2}::DOUBLE / (${d} * ${d}) + ${g3}::DOUBLE / (${d} * ${d} * ${d})
		END;`
	});
	await installTDistribution(db);
}
