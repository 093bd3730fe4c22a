import type { QuerySpec } from '../engine/engine';

/** The fields the filter bar offers, each with the values present. */
export const DIMENSIONS = [
	'clinic',
	'therapist',
	'condition',
	'technique',
	'age_band',
	'sex',
	'length_band'
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * Every value of every filterable field in the dataset with its episodes of care and the distinct
 * patients behind them: feeds the filter bar and gives each technique a colour that stays put
 * whatever the filter. Read from episode_measures (an episode appears once per measure, hence
 * the distinct counts), where an episode's clinic or session length is already decided.
 */
export function dimensionsQuery(): QuerySpec {
	const parts = DIMENSIONS.map(
		(d) => `SELECT '${d}' AS dimension, "${d}"::VARCHAR AS value,
			count(DISTINCT episode)::INTEGER AS episodes, count(DISTINCT patient_no)::INTEGER AS patients
		FROM episode_measures WHERE "${d}" IS NOT NULL GROUP BY ALL`
	);
	return { sql: `${parts.join('\nUNION ALL\n')}\nORDER BY dimension, value` };
}
