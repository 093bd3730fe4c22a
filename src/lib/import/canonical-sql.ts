import type { LocalEngine } from '../engine/engine';
import { quoteIdent, quoteString } from '../engine/quote';
import { rowObjects } from '../engine/rows';
import { CATEGORIES } from './categories';
import type { Mapping } from './mapping';
import { positionRangeSql, rowRangeSql, type RowRange } from './status-sql';

/**
 * Accepted rows become sessions: one per patient × time × condition × technique (a long file
 * has several rows per session). A session's details come from its first source row: one struct
 * per group, taken at the lowest position (much faster than an ordered aggregate per column).
 * In other layouts the row-status rules leave one accepted row per session key (a second would
 * be an exact or a conflicting duplicate), so each row is its group and is not grouped.
 */
export function sessionGroupsSql(mapping: Mapping): string {
	const details = `{'clinic': clinic_label, 'therapist': therapist_label, 'minutes': minutes_no,
		'age_band': age_band_label, 'sex': sex_label, 'notes': notes_text, 'file_no': __file_no,
		'source_row': __row, 'source_sheet_row': __sheet_row}`;
	const keys = `patient_key AS patient, condition_label AS condition, technique_label AS technique,
		session_key`;
	if (mapping.layout !== 'long') {
		return `SELECT ${keys}, day AS session_date, visit_no AS visit, pos AS first_row, ${details} AS first
			FROM cand_rows WHERE reason IS NULL`;
	}
	return `
		SELECT ${keys}, min(day) AS session_date, min(visit_no) AS visit, min(pos) AS first_row,
			arg_min(${details}, pos) AS first
		FROM cand_rows WHERE reason IS NULL
		GROUP BY session_key, patient_key, condition_label, technique_label`;
}

/** Where `SessionsSql.numbers` is written, for `sessions` to read. */
export const SESSION_NUMBERS = 'mo_session_numbers';

export interface SessionsSql {
	numbers: string;
	/** The sessions (of `rows`, else all), once SESSION_NUMBERS holds `numbers`. */
	sessions: (rows?: RowRange) => string;
}

/**
 * Sessions grouped into episodes of care — patient × condition × technique, split where more
 * than `gapDays` pass between dated sessions — and numbered within them; session 1 is the
 * baseline. The windows run over a narrow projection and are joined back: sorting whole session
 * rows would not fit in the wasm heap at millions of rows. Rows come out in file order, which
 * the research console shows: a long file's sessions are sorted into it; other layouts' come in
 * it already (a row per session, read in order), and sorting them again took 0.5 s at 1M rows.
 *
 * Two steps: `numbers` (a narrow table, SESSION_NUMBERS) places each session in its episode;
 * `sessions` joins it back to the sessions' details, all at once or, in a large import, by
 * ranges of rows (at 10M rows, one statement's windows, join and output filled the wasm heap).
 */
export async function sessionsSql(
	db: LocalEngine,
	gapDays: number,
	layout: Mapping['layout']
): Promise<SessionsSql> {
	if (!Number.isSafeInteger(gapDays) || gapDays < 1) {
		throw new Error(`The gap between episodes must be a whole number of days, not ${gapDays}.`);
	}
	const types = await categoryTypes(db);
	const typed = (c: string, from: string) => `${from}::${types.get(c) ?? 'VARCHAR'} AS ${c}`;
	const source = (c: string) =>
		c === 'condition' || c === 'technique' ? `g.${c}` : `g.first.${c}`;
	const cast = CATEGORIES.map((c) => typed(c, source(c))).join(', ');
	const pair = 'patient, condition, technique';
	// Sorted by their ENUM codes (members are in text order, so the order is the same): integers
	// compare faster than text (1M rows: 0.3 s of 1.3 s).
	const coded = ['condition', 'technique'].map((c) => typed(c, c)).join(', ');
	const order = 'coalesce(epoch(session_date) / 86400, visit), first_row';
	// Sessions are sorted by their keys once: a course opens at a pair's first session or
	// after a gap, and the episode is a running count of openings over that order (an integer
	// sort). Every course bar a pair's first opens at a dated session, and dated sessions run in
	// date order, so a course's first date, from which a dated session's days count, is its
	// earliest; a session's number is its place after the course's first. Both are per-episode
	// aggregates, not windows partitioned by the text keys.
	const numbers = `
		WITH ordered AS (
			SELECT first_row, session_date, row_number() OVER w AS seq,
				row_number() OVER w = 1
					OR (${pair}) IS DISTINCT FROM lag((${pair})) OVER w
					OR coalesce(session_date - lag(session_date) OVER w > ${gapDays}, false) AS opens
			FROM (SELECT * REPLACE (${coded}) FROM session_groups)
			WINDOW w AS (ORDER BY ${pair}, ${order})
		), episodes AS (
			SELECT *, sum(opens::INTEGER) OVER (ORDER BY seq)::INTEGER AS episode FROM ordered
		), courses AS (
			SELECT episode, min(seq) AS first_seq, min(session_date) AS first_date
			FROM episodes GROUP BY episode
		)
		SELECT e.first_row, row_number() OVER (ORDER BY e.first_row)::INTEGER AS session_id,
			e.episode, (e.seq - c.first_seq + 1)::USMALLINT AS session_no,
			(e.session_date - c.first_date)::INTEGER AS days
		FROM episodes e JOIN courses c USING (episode)`;
	const sessions = (rows?: RowRange) => `
		SELECT n.session_id, g.patient, ${cast}, g.session_date, g.visit, n.episode, n.session_no,
			n.days, g.first.minutes::USMALLINT AS minutes, g.first.notes AS notes,
			f.__file AS source_file, g.first.source_row::INTEGER AS source_row,
			g.first.source_sheet_row::INTEGER AS source_sheet_row, ${sessionLink(layout, 'g.first_row', 'g.session_key')}
		FROM session_groups g JOIN ${SESSION_NUMBERS} n USING (first_row)
		JOIN mo_files f ON f.__file_no = g.first.file_no
		${rows ? `WHERE ${positionRangeSql(rows, 'g.first_row')} AND ${positionRangeSql(rows, 'n.first_row')}` : ''}
		${layout === 'long' ? 'ORDER BY n.session_id' : ''}`;
	return { numbers, sessions };
}

/**
 * Categories become ENUMs of the values present: filters at 1M rows get several times faster.
 * The members are chosen in SQL, never from values read back into JS: Arrow decodes text
 * dropping a leading U+FEFF (pitfalls.md), and a member list built from that would not hold
 * the value. The types are temporary; a table keeps the ENUM itself (its DDL spells it out).
 * A category without values, or with a value holding a NUL (which DDL that is saved and
 * replayed cannot carry), stays VARCHAR. Returns the type of each category that has one.
 */
async function categoryTypes(db: LocalEngine): Promise<Map<string, string>> {
	const distinct = CATEGORIES.map(
		(c) => `SELECT DISTINCT '${c}' AS field, ${c}_label AS v FROM cand_rows
			WHERE reason IS NULL AND ${c}_label IS NOT NULL`
	);
	await db.query({
		sql: `CREATE OR REPLACE TEMP TABLE mo_category_values AS ${distinct.join(' UNION ALL ')}`
	});
	const t = await db.query({
		sql: `SELECT field FROM mo_category_values GROUP BY field
			HAVING NOT bool_or(contains(v, chr(0)))`
	});
	const enumerable = new Set(rowObjects<{ field: string }>(t).map((r) => r.field));
	const types = new Map<string, string>();
	for (const field of CATEGORIES.filter((c) => enumerable.has(c))) {
		const type = quoteIdent(`mo_enum_${field}`);
		await db.query({
			sql: `CREATE OR REPLACE TEMP TYPE ${type} AS ENUM (
				SELECT v FROM mo_category_values WHERE field = '${field}' ORDER BY v)`
		});
		types.set(field, type);
	}
	return types;
}

/**
 * What ties a measured cell to its session while the tables are built (then dropped): in a long
 * file the session's key, as several rows make a session; in other layouts the row's position,
 * as each row is its session, and joining 3M cells on a number instead of text took 0.7 s less.
 */
export const sessionLink = (layout: Mapping['layout'], position: string, key = 'session_key') =>
	`${layout === 'long' ? key : position} AS session_link`;

/**
 * Valid scores of accepted rows, attached to their session; with `rows`, those rows' scores
 * (a large import's pieces: only where each row is its session, so the session is in the range).
 */
export function observationsSql(measureKeys: readonly string[], rows?: RowRange): string {
	const range = rows
		? `AND ${rowRangeSql(rows, 'v.')} AND ${positionRangeSql(rows, 's.session_link')}`
		: '';
	return `
		SELECT s.session_id, v.measure::ENUM(${measureKeys.map(quoteString).join(', ')}) AS measure,
			v.num AS value
		FROM cell_values v JOIN sessions_next s USING (session_link)
		WHERE v.valid ${range}`;
}
