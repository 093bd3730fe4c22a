import type { QuerySpec } from '../engine/engine';
import { quoteIdent } from '../engine/quote';
import { patientRecordsSql } from './k-anonymity';
import { levelSql, type LadderStep, type QuasiField } from './quasi-identifiers';

/**
 * Episodes, patients and sessions before and after suppression; k reached; classes kept (the
 * distinct patient records, as k-anonymity.ts counts them).
 */
export function countsQuery(quasi: readonly QuasiField[]): QuerySpec {
	const tuple = quasi.map(quoteIdent).join(', ') || 'NULL';
	const kept = `(SELECT * FROM deid_classes WHERE kept)`;
	return {
		sql: `SELECT count(*)::INTEGER AS episodes, count(DISTINCT pseudonym)::INTEGER AS patients,
			coalesce(sum(sessions), 0)::INTEGER AS sessions,
			(count(*) FILTER (WHERE kept))::INTEGER AS kept_episodes,
			(count(DISTINCT pseudonym) FILTER (WHERE kept))::INTEGER AS kept_patients,
			coalesce(sum(sessions) FILTER (WHERE kept), 0)::INTEGER AS kept_sessions,
			(min(class_patients) FILTER (WHERE kept))::INTEGER AS k_reached,
			(SELECT count(DISTINCT record)::INTEGER FROM (${patientRecordsSql(tuple, kept)})) AS classes
		FROM deid_classes`
	};
}

/**
 * Per rung climbed, the exported rows (sessions) and episodes whose value it changed, against
 * the rung below on the same field; first, age bands outside the standard ones (set to *).
 * Counted on the kept episodes only, so the counts are what the file shows.
 */
export function generalisedQuery(climbed: readonly LadderStep[]): QuerySpec {
	const changed = (i: number, before: string, after: string) => {
		const when = `c.kept AND (${before}) IS DISTINCT FROM (${after})`;
		return `coalesce(sum(d.sessions) FILTER (WHERE ${when}), 0)::INTEGER AS rows_${i},
			(count(*) FILTER (WHERE ${when}))::INTEGER AS episodes_${i}`;
	};
	const steps = climbed.map((step, i) =>
		changed(i + 1, levelSql(step.field, step.level - 1, 'd'), levelSql(step.field, step.level, 'd'))
	);
	return {
		sql: `SELECT ${[changed(0, 'd.age_band_source', 'd.age_band'), ...steps].join(', ')}
			FROM deid_episodes d JOIN deid_classes c USING (episode)`
	};
}
