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

/** Distinct patients in each episode's class (k-anonymity counts people, not episodes). */
const classSizes = (quasi: readonly QuasiField[], levels: Levels) =>
	`count(DISTINCT pseudonym) OVER (PARTITION BY ${classKey(quasi, levels)})`;

/** Episodes (of all) in classes of fewer than k patients, with the levels given. */
export function smallClassesQuery(
	quasi: readonly QuasiField[],
	levels: Levels,
	k: number
): QuerySpec {
	return {
		sql: `SELECT (count(*) FILTER (WHERE size < ?))::INTEGER AS small, count(*)::INTEGER AS episodes
			FROM (SELECT ${classSizes(quasi, levels)} AS size FROM deid_episodes)`,
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
 * as at level 0), the size of their class in patients, and whether they are kept (class ≥ k).
 */
export function classesQuery(quasi: readonly QuasiField[], levels: Levels, k: number): QuerySpec {
	const fields = QUASI_FIELDS.map(
		(f) => `${quasi.includes(f) ? levelSql(f, levels[f]) : quoteIdent(f)} AS ${quoteIdent(f)}`
	);
	return {
		sql: `CREATE OR REPLACE TEMP TABLE deid_classes AS
			SELECT episode, pseudonym, episode_no, sessions, ${fields.join(', ')},
				${classSizes(quasi, levels)}::INTEGER AS class_patients,
				${classSizes(quasi, levels)} >= ? AS kept
			FROM deid_episodes`,
		params: [k]
	};
}
