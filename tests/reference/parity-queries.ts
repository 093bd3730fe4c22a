import { chipsQuery, dashboardQuery } from '../../src/lib/analysis/dashboard-queries';
import type { QuerySpec } from '../../src/lib/engine/engine';
import { defaultState } from '../../src/lib/state/analysis-state';
import { dimensionsQuery } from '../../src/lib/stats/dimensions';
import { trendQuery } from '../../src/lib/stats/trend';

const TREND = { axis: 'time', kind: 'paired', by: 'technique' } as const;

const page = { state: defaultState(), measure: 'pain', focus: null };
const filtered = defaultState();
filtered.filters.clinic = ['Riverside Clinic', 'Harbour Clinic'];
filtered.filters.sex = ['F'];

/** The page's first view as it asks it, from the pre-aggregates (the cubes), checked below. */
const FROM_CUBES = [
	dashboardQuery('matrix', page),
	dashboardQuery('trend', page),
	chipsQuery(filtered, 'pain')
];
const CUBE_TABLES = ['episode_cube_pooled', 'trend_cube'];
for (const q of FROM_CUBES) {
	if (!q || !CUBE_TABLES.some((t) => q.sql.includes(t)))
		throw new Error('A parity query meant to read a cube does not: see dashboardQuery.');
}

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
	},
	...(FROM_CUBES as QuerySpec[])
];
