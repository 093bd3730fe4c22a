import type { QuerySpec } from '../engine/engine';

/**
 * Every condition and technique in the dataset with its number of patients: feeds the selectors
 * and gives each technique a colour that stays put whatever the filter.
 */
export function dimensionsQuery(): QuerySpec {
	return {
		sql: `
			SELECT 'condition' AS dimension, condition::VARCHAR AS value,
				count(DISTINCT patient)::INTEGER AS patients
			FROM sessions WHERE condition IS NOT NULL GROUP BY ALL
			UNION ALL
			SELECT 'technique', technique::VARCHAR, count(DISTINCT patient)::INTEGER
			FROM sessions WHERE technique IS NOT NULL GROUP BY ALL
			ORDER BY dimension, value`
	};
}
