import type { QuerySpec } from '../../src/lib/engine/engine';
import { dimensionsQuery } from '../../src/lib/stats/dimensions';
import { trendQuery } from '../../src/lib/stats/trend';

const TREND = { axis: 'time', kind: 'paired', by: 'technique' } as const;

/** Queries whose answers must be identical from the browser, the Node engine and the server. */
export const PARITY_QUERIES: QuerySpec[] = [
	trendQuery({ ...TREND, measure: 'pain', filter: { sql: 'TRUE', params: [] } }),
	trendQuery({
		...TREND,
		measure: 'stress',
		filter: { sql: 'condition::VARCHAR = ?', params: ['Neck pain'] }
	}),
	dimensionsQuery(),
	{
		sql: `SELECT session_no, count(*)::INTEGER AS n, min(session_date) AS first,
			max(session_date) AS last, count(DISTINCT episode) AS episodes
			FROM sessions GROUP BY ALL ORDER BY session_no`
	},
	{
		sql: `SELECT ?::VARCHAR AS text, ?::DOUBLE AS d, 7.5::DECIMAL(4, 1) AS dec,
			DATE '2024-02-28' + 1 AS leap_day, [1, 2]::INTEGER[] AS list,
			'ü 💥 \u200b שלום'::VARCHAR AS unicode, NULL::INTEGER AS nothing, t975(9) AS t`,
		params: ["<script>alert('x')</script>", 1.5]
	}
];
