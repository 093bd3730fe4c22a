import type { LocalEngine, QuerySpec } from '../engine/engine';
import { quoteIdent } from '../engine/quote';
import { rowObjects } from '../engine/rows';
import {
	LADDER,
	levelSql,
	NO_GENERALISATION,
	QUASI_FIELDS,
	type LadderStep,
	type Levels,
	type QuasiField
} from './quasi-identifiers';

/** The class key: each quasi-identifier at its level. */
const classKey = (quasi: readonly QuasiField[], levels: Levels) =>
	quasi.map((f) => levelSql(f, levels[f])).join(', ') || 'NULL';

/**
 * Each patient's record in the extract, one row per patient: the distinct combinations of
 * `tuple` over their episodes, sorted. The pseudonym links a patient's episodes, so what could
 * single them out is the whole set (two rare conditions together), not each episode alone.
 */
export const patientRecordsSql = (tuple: string, from: string) =>
	`SELECT pseudonym, list_sort(list_distinct(list(row(${tuple})))) AS record
	FROM ${from} GROUP BY pseudonym`;

/**
 * Every episode with `size`: the distinct patients whose record equals its patient's
 * (k-anonymity counts people, not episodes, and a patient's class is that of their record).
 */
const sizedEpisodes = (quasi: readonly QuasiField[], levels: Levels) =>
	`SELECT d.*, r.size FROM deid_episodes d JOIN (
		SELECT pseudonym, count(*) OVER (PARTITION BY record) AS size
		FROM (${patientRecordsSql(classKey(quasi, levels), 'deid_episodes')})
	) r USING (pseudonym)`;

/** Episodes (of all) in classes of fewer than k patients, with the levels given. */
export function smallClassesQuery(
	quasi: readonly QuasiField[],
	levels: Levels,
	k: number
): QuerySpec {
	return {
		sql: `SELECT (count(*) FILTER (WHERE size < ?))::INTEGER AS small, count(*)::INTEGER AS episodes
			FROM (${sizedEpisodes(quasi, levels)})`,
		params: [k]
	};
}

/**
 * Full-domain generalisation: the ladder's rungs on quasi-identifiers are climbed in order, each
 * for every episode, until at most `maxShare` of the episodes are in classes smaller than k (or
 * the ladder ends). Returns the levels reached, the rungs climbed and, at the start and after
 * each rung, the episodes left in classes smaller than k.
 */
export async function chooseLevels(
	db: LocalEngine,
	quasi: readonly QuasiField[],
	k: number,
	maxShare: number
): Promise<{ levels: Levels; climbed: LadderStep[]; small: number[] }> {
	const levels = { ...NO_GENERALISATION };
	const climbed: LadderStep[] = [];
	const trail: number[] = [];
	const rungs = LADDER.filter((step) => quasi.includes(step.field));
	for (const rung of [null, ...rungs]) {
		if (rung) {
			levels[rung.field] = rung.level;
			climbed.push(rung);
		}
		const [{ small, episodes }] = rowObjects<{ small: number; episodes: number }>(
			await db.query(smallClassesQuery(quasi, levels, k))
		) as [{ small: number; episodes: number }];
		trail.push(small);
		if (small <= maxShare * episodes) break;
	}
	return { levels, climbed, small: trail };
}

/**
 * The episodes with their released values (quasi-identifiers at their levels, every other field
 * as at level 0), the size of their patient's class in patients, and whether they are kept (a
 * class of k or more: a patient is kept or suppressed whole).
 */
export function classesQuery(quasi: readonly QuasiField[], levels: Levels, k: number): QuerySpec {
	const fields = QUASI_FIELDS.map(
		(f) => `${quasi.includes(f) ? levelSql(f, levels[f]) : quoteIdent(f)} AS ${quoteIdent(f)}`
	);
	return {
		sql: `CREATE OR REPLACE TEMP TABLE deid_classes AS
			SELECT episode, pseudonym, episode_no, sessions, ${fields.join(', ')},
				size::INTEGER AS class_patients, size >= ? AS kept
			FROM (${sizedEpisodes(quasi, levels)})`,
		params: [k]
	};
}
