import type { QuerySpec } from '../engine/engine';
import { episodesSql } from '../model/episodes-sql';
import { safeAgeBandSql } from './quasi-identifiers';

/** Work tables of one export, TEMP on the export's own connection and dropped at its end. */
export const DEID_TABLES = ['deid_episodes', 'deid_classes', 'deid_extract', 'deid_aggregate'];

const CANONICAL = {
	sessions: 'sessions',
	observations: 'observations',
	measures: 'measures',
	datasetInfo: 'dataset_info'
};

/**
 * One row per episode of care, its quasi-identifiers at level 0 as text: the episode's values
 * the analysis uses (clinic, therapist, age band and sex its most frequent, episodes-sql.ts),
 * the age band held to Safe Harbor's bands. Each patient gets a pseudonym: their rank in the
 * order of sha256(secret ‖ patient number), written P001, P002…, so the pseudonyms are a random
 * permutation of the patients that only the secret, bound here and never stored, could repeat.
 * Episodes are renumbered within the patient in order of their first session (the canonical
 * episode number follows the patients' ids).
 */
export function deidEpisodesQuery(secret: string): QuerySpec {
	return {
		sql: `CREATE OR REPLACE TEMP TABLE deid_episodes AS
		WITH e AS (${episodesSql(CANONICAL)}
		), pseudonyms AS (
			SELECT patient_no, row_number() OVER (ORDER BY sha256(?::VARCHAR || patient_no::VARCHAR)) AS rank,
				length((count(*) OVER ())::VARCHAR) AS width
			FROM (SELECT DISTINCT patient_no FROM e)
		)
		SELECT e.episode, 'P' || lpad(p.rank::VARCHAR, greatest(p.width, 3)::INTEGER, '0') AS pseudonym,
			row_number() OVER (PARTITION BY e.patient_no
				ORDER BY e.start_date NULLS LAST, e.episode)::INTEGER AS episode_no,
			e.sessions::INTEGER AS sessions,
			e.clinic::VARCHAR AS clinic, e.therapist::VARCHAR AS therapist,
			e.condition::VARCHAR AS condition, e.technique::VARCHAR AS technique,
			e.age_band::VARCHAR AS age_band_source, ${safeAgeBandSql('e.age_band::VARCHAR')} AS age_band,
			e.sex::VARCHAR AS sex
		FROM e JOIN pseudonyms p USING (patient_no)`,
		params: [secret]
	};
}

/** Dropped whatever happened: nothing linking pseudonyms to patients outlives the export. */
export const dropDeidTablesSql = () =>
	DEID_TABLES.map((t) => `DROP TABLE IF EXISTS ${t};`).join('\n');
