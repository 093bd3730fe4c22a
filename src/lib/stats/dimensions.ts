import type { QuerySpec } from '../engine/engine';

/**
 * Every condition and technique in the dataset with its episodes of care and the distinct
 * patients behind them: feeds the selectors and gives each technique a colour that stays put
 * whatever the filter.
 */
export function dimensionsQuery(): QuerySpec {
	const counts = `count(DISTINCT episode)::INTEGER AS episodes,
				count(DISTINCT patient)::INTEGER AS patients`;
	return {
		sql: `
			SELECT 'condition' AS dimension, condition::VARCHAR AS value, ${counts}
			FROM sessions WHERE condition IS NOT NULL GROUP BY ALL
			UNION ALL
			SELECT 'technique', technique::VARCHAR, ${counts}
			FROM sessions WHERE technique IS NOT NULL GROUP BY ALL
			ORDER BY dimension, value`
	};
}
