import type { LocalEngine } from '../engine/engine';
import { rowObjects } from '../engine/rows';
import { caseMixSql } from './case-mix-sql';
import { episodeCubesSql } from './episode-cube-sql';
import { episodeMeasuresSql } from './episode-measures-sql';
import { episodePointsSql } from './episode-points-sql';
import { trendCubeSql } from './trend-cube-sql';
import { episodesSql, type SourceTables } from './episodes-sql';

/**
 * What every chart reads, derived from the canonical tables. Declared here and nowhere else:
 * an import builds them beside the tables it swaps in (`suffix` '_next'), a saved dataset
 * carries them, and a dataset saved before they existed gets them rebuilt when opened.
 */
export const DERIVED_TABLES = [
	'episode_measures',
	'episode_points',
	'episode_cube',
	'episode_cube_pooled',
	'trend_cube',
	'measure_keys',
	'episode_expected',
	'case_mix_fit'
] as const;

/**
 * The derived tables' version, saved with every dataset: raise it whenever a table or column
 * here changes, so a dataset saved before is derived again when opened (2: the episode cubes
 * gained the baseline's squares and products, which the forest plot reads).
 */
export const DERIVED_VERSION = 2;

const EPISODES = 'mo_episodes';

/**
 * The version is also noted on one of the tables (a DuckDB comment): a dataset file the server
 * opens read only cannot be derived again, so it is checked and refused when it is another.
 */
const VERSIONED_TABLE = 'measure_keys';
const versionNote = (v: number) => `Massage Outcomes analysis tables, version ${v}`;

/** The version noted in the database's analysis tables; null when none is (noted since 2). */
export async function derivedVersionIn(db: Pick<LocalEngine, 'query'>): Promise<number | null> {
	const t = await db.query({
		sql: `SELECT comment FROM duckdb_tables() WHERE table_name = ? AND NOT temporary`,
		params: [VERSIONED_TABLE]
	});
	const note = rowObjects<{ comment: string | null }>(t)[0]?.comment ?? '';
	const found = /version (\d+)$/.exec(note);
	return found ? Number(found[1]) : null;
}

/** Builds every derived table from the canonical tables named `<table><suffix>`. */
export async function buildDerivedTables(db: LocalEngine, suffix = ''): Promise<void> {
	const src: SourceTables = {
		sessions: `sessions${suffix}`,
		observations: `observations${suffix}`,
		measures: `measures${suffix}`,
		datasetInfo: `dataset_info${suffix}`
	};
	const measures = `episode_measures${suffix}`;
	const points = `episode_points${suffix}`;
	try {
		await db.query({ sql: `CREATE OR REPLACE TEMP TABLE ${EPISODES} AS ${episodesSql(src)}` });
		await db.query(episodeMeasuresSql(src, EPISODES, measures));
		for (const sql of episodeCubesSql(measures, suffix)) await db.query({ sql });
		// One row per measure, typed as the tables' measure column: what stats-sql measureRows
		// joins to, so a chart scans only its measure's rows.
		await db.query({
			sql: `CREATE OR REPLACE TABLE measure_keys${suffix} AS
				SELECT DISTINCT measure FROM ${measures} ORDER BY measure`
		});
		await db.query({
			sql: `COMMENT ON TABLE ${VERSIONED_TABLE}${suffix} IS '${versionNote(DERIVED_VERSION)}'`
		});
		const keys = await db.query({ sql: `SELECT measure::VARCHAR AS m FROM measure_keys${suffix}` });
		const { create, insert } = episodePointsSql(src, measures, points);
		await db.query({ sql: create });
		const caseMix = caseMixSql(measures, {
			expected: `episode_expected${suffix}`,
			fit: `case_mix_fit${suffix}`
		});
		for (const sql of caseMix.create) await db.query({ sql });
		for (const { m } of rowObjects<{ m: string }>(keys)) {
			await db.query({ sql: insert, params: [m] });
			for (const statement of caseMix.insert(m)) await db.query(statement);
		}
		await db.query({ sql: trendCubeSql(points, `trend_cube${suffix}`) });
	} finally {
		await db.query({ sql: `DROP TABLE IF EXISTS ${EPISODES}` });
	}
}
