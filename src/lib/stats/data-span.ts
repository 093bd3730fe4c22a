import type { QuerySpec } from '../engine/engine';

/**
 * What the data covers, for a report's notes: sessions, patients and episodes stored, the first
 * and last session dates (NULL without dates) and when it was imported.
 */
export function dataSpanQuery(): QuerySpec {
	return {
		sql: `SELECT count(*)::INTEGER AS sessions, count(DISTINCT patient)::INTEGER AS patients,
			count(DISTINCT episode)::INTEGER AS episodes, min(session_date) AS first_date,
			max(session_date) AS last_date, (SELECT any_value(imported_at) FROM dataset_info) AS imported_at
		FROM sessions`
	};
}
