// Canonical tables (sessions, observations, measures, dataset_info) of `rows` sessions made in SQL,
// with the column types the importer gives them (ENUM categories). The analysis bench times what
// happens after an import — deriving the analysis tables and answering filter changes — at sizes
// (10M) the browser cannot import yet (issue 13), so it makes the tables directly.
const CONDITIONS = [
	'Low back pain',
	'Neck pain',
	'Fibromyalgia',
	'Headache',
	'Sciatica',
	'Carpal tunnel',
	'Thoracic outlet',
	'Sports injury',
	'Post-surgical',
	'Arthritis',
	'Pregnancy'
];
const TECHNIQUES = [
	'Myofascial release',
	'Neuromuscular / trigger point',
	'Deep tissue',
	'Swedish',
	'Sports massage',
	'Manual lymphatic drainage'
];
const CLINICS = ['Harbour Clinic', 'Northside Clinic', 'Riverside Clinic', 'Westfield Clinic'];
const THERAPISTS = Array.from({ length: 24 }, (_, i) => `Therapist ${i + 1}`);
const AGE_BANDS = ['18–29', '30–39', '40–49', '50–59', '60–69', '70–79', '80–89', '90+'];

const enumOf = (values: readonly string[]) =>
	`ENUM(${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')})`;
/** A member of a list picked by a hash of `seed` (hash is UBIGINT: cast before arithmetic). */
const pick = (values: readonly string[], seed: string) =>
	`[${values.map((v) => `'${v}'`).join(', ')}][1 + (hash(${seed}) % ${values.length})::BIGINT]`;

const SESSIONS_PER_EPISODE = 8;
/** Sessions per observations INSERT: one statement for 10M sessions sorted ~30M rows at once and
 * ran out of the wasm heap; a million at a time keeps the sort small (and the order the same). */
const OBSERVATION_CHUNK = 1_000_000;

/**
 * Pain falls by a technique- and condition-dependent amount; the others drift; some scores are
 * missing (sleep and stress are asked at every other session). In session order, as an import
 * of a sorted file would leave them.
 */
function observationChunks(rows: number): string[] {
	return Array.from({ length: Math.ceil(rows / OBSERVATION_CHUNK) }, (_, i) => {
		const [from, to] = [i * OBSERVATION_CHUNK + 1, (i + 1) * OBSERVATION_CHUNK];
		return `INSERT INTO observations
		WITH s AS (SELECT session_id, episode, session_no, condition, technique FROM sessions
			WHERE session_id BETWEEN ${from} AND ${to})
		SELECT session_id, 'pain',
			greatest(0, least(10, round(7 - (session_no - 1) * (0.1 + (hash(technique::VARCHAR || condition::VARCHAR) % 30)::INTEGER / 100)
				+ ((hash(session_id) % 5)::INTEGER - 2) * 0.6)))::DOUBLE
		FROM s WHERE (hash(session_id * 29) % 20)::INTEGER <> 0
		UNION ALL
		SELECT session_id, 'flexibility', least(100, 55 + session_no * 2 + (hash(session_id * 31) % 9)::INTEGER)::DOUBLE FROM s
		UNION ALL
		SELECT session_id, 'sleep', least(10, 4 + session_no // 3 + (hash(session_id * 37) % 3)::INTEGER)::DOUBLE
		FROM s WHERE session_no % 2 = 1
		UNION ALL
		SELECT session_id, 'stress', greatest(0, 7 - session_no // 3 - (hash(session_id * 41) % 3)::INTEGER)::DOUBLE
		FROM s WHERE session_no % 2 = 1
		ORDER BY session_id`;
	});
}

export function syntheticTablesSql(rows: number): string[] {
	const episodes = Math.ceil(rows / SESSIONS_PER_EPISODE);
	return [
		`CREATE OR REPLACE TABLE sessions (session_id INTEGER, patient VARCHAR,
			clinic ${enumOf(CLINICS)}, therapist ${enumOf(THERAPISTS)},
			condition ${enumOf(CONDITIONS)}, technique ${enumOf(TECHNIQUES)},
			age_band ${enumOf(AGE_BANDS)}, sex ENUM('F', 'M'), session_date DATE, visit DOUBLE,
			episode INTEGER, session_no USMALLINT, days INTEGER, minutes USMALLINT, notes VARCHAR,
			source_file VARCHAR, source_row INTEGER, source_sheet_row INTEGER)`,
		`INSERT INTO sessions
		WITH e AS (
			SELECT range::INTEGER AS episode, 'P' || (range * 7 // 9)::VARCHAR AS patient,
				${pick(CLINICS, 'range * 3')} AS clinic, ${pick(THERAPISTS, 'range * 5')} AS therapist,
				${pick(CONDITIONS, 'range')} AS condition, ${pick(TECHNIQUES, 'range * 11')} AS technique,
				${pick(AGE_BANDS, 'range * 13')} AS age_band, ${pick(['F', 'M'], 'range * 17')} AS sex,
				DATE '2022-01-01' + (hash(range * 19) % 1000)::INTEGER AS start_date,
				[15, 30, 45, 60][1 + (hash(range * 23) % 4)::BIGINT] AS minutes
			FROM range(${episodes})
		)
		SELECT (e.episode * ${SESSIONS_PER_EPISODE} + k)::INTEGER + 1, patient, clinic, therapist,
			condition, technique, age_band, sex, start_date + 7 * k, NULL, episode, k + 1, 7 * k,
			minutes, NULL, 'synthetic.csv', (e.episode * ${SESSIONS_PER_EPISODE} + k)::INTEGER + 1, NULL
		FROM e, (SELECT range::INTEGER AS k FROM range(${SESSIONS_PER_EPISODE}))
		WHERE e.episode * ${SESSIONS_PER_EPISODE} + k < ${rows}`,
		`CREATE OR REPLACE TABLE observations (session_id INTEGER,
			measure ENUM('pain', 'flexibility', 'sleep', 'stress'), value DOUBLE)`,
		...observationChunks(rows),
		`CREATE OR REPLACE TABLE measures AS SELECT * FROM (VALUES
			('pain', 'Pain', 'NPRS', 'points (0–10)', 0.0, 10.0, 'lower', 2.0, 30.0, 'Ostelo 2008'),
			('flexibility', 'Flexibility', 'ROM', '% of normal', 0.0, 100.0, 'higher', NULL, NULL, NULL),
			('sleep', 'Sleep quality', '0–10', 'points (0–10)', 0.0, 10.0, 'higher', NULL, NULL, NULL),
			('stress', 'Stress', '0–10', 'points (0–10)', 0.0, 10.0, 'lower', NULL, NULL, NULL))
			t("key", label, instrument, unit, "min", "max", better, mcid_points, mcid_percent, mcid_source)`,
		`CREATE OR REPLACE TABLE dataset_info AS SELECT 'synthetic' AS name, 'session_no' AS time_axis,
			'session' AS time_unit, 'long' AS layout, 'iso' AS date_order, 'synthetic.csv' AS files,
			TIMESTAMP '2026-01-01' AS imported_at`
	];
}
