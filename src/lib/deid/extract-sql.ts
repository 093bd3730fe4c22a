import type { QuerySpec } from '../engine/engine';
import { quoteIdent, quoteString } from '../engine/quote';
import type { QuasiField } from './quasi-identifiers';

/** A column of a de-identified file and its entry in the data dictionary. */
export interface DeidColumn {
	name: string;
	type: 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN';
	meaning: string;
	/** How the value was made from the source. */
	transformation: string;
	/** SQL of the value, over sessions `s`, classes `c` and scores `sc`. */
	sql: string;
}

export interface ExtractShape {
	/** Measures of the dataset (their keys name the score columns). */
	measures: readonly { key: string; label: string; unit: string }[];
	/** The dataset has no dates: its own visit or week numbers are the time axis. */
	visitAxis: boolean;
	includeNotes: boolean;
}

const category = (name: QuasiField, meaning: string): DeidColumn => ({
	name,
	type: 'VARCHAR',
	meaning,
	transformation:
		"the episode's value (clinic, therapist, age band, sex: its most frequent); generalised as the report says where it is a quasi-identifier",
	sql: `c.${quoteIdent(name)}`
});

/**
 * The allow-list: every column an extract may hold, one row per session. Anything else in the
 * dataset (patient ids, dates, record numbers, file names, notes unless asked for) is not here,
 * so it cannot be exported by accident.
 */
export function extractColumns(shape: ExtractShape): DeidColumn[] {
	const fixed: DeidColumn[] = [
		{
			name: 'patient',
			type: 'VARCHAR',
			meaning: 'pseudonym of the patient, the same on all their rows',
			transformation:
				'random for each export (P001…); the key linking it to the patient id is not kept',
			sql: 'c.pseudonym'
		},
		{
			name: 'episode',
			type: 'INTEGER',
			meaning: 'episode of care of the patient (condition × technique course), 1, 2… in order',
			transformation: 'renumbered within the patient',
			sql: 'c.episode_no'
		},
		{
			name: 'session',
			type: 'INTEGER',
			meaning: 'session number within the episode; session 1 is the baseline',
			transformation: 'as imported',
			sql: 's.session_no::INTEGER'
		},
		{
			name: 'days',
			type: 'INTEGER',
			meaning: "days since the episode's first session (empty without dates)",
			transformation: 'replaces the session date; no calendar date or year is exported',
			sql: 's.days::INTEGER'
		},
		...(shape.visitAxis
			? [
					{
						name: 'visit',
						type: 'DOUBLE' as const,
						meaning: "the source's own visit or week number (the dataset has no dates)",
						transformation: 'as imported',
						sql: 's.visit::DOUBLE'
					}
				]
			: []),
		category('condition', 'condition treated'),
		category('technique', 'massage technique'),
		category('age_band', 'age band (90+ pooled, as Safe Harbor requires)'),
		category('sex', 'sex'),
		category('clinic', 'clinic'),
		category('therapist', 'therapist'),
		{
			name: 'minutes',
			type: 'INTEGER',
			meaning: 'session length in minutes',
			transformation: 'as imported',
			sql: 's.minutes::INTEGER'
		}
	];
	const taken = new Set(fixed.map((c) => c.name));
	const scores = shape.measures.map((m) => ({
		name: taken.has(m.key) || m.key === 'notes' ? `${m.key}_score` : m.key,
		type: 'DOUBLE' as const,
		meaning: `${m.label} (${m.unit}) at this session`,
		transformation: 'as imported (values outside the range were rejected at import)',
		sql: `sc.${quoteIdent(m.key)}`
	}));
	const notes: DeidColumn[] = shape.includeNotes
		? [
				{
					name: 'notes',
					type: 'VARCHAR',
					meaning: "the session's free-text notes, verbatim",
					transformation: 'NOT de-identified: included on request; may hold names and dates',
					sql: 's.notes::VARCHAR'
				}
			]
		: [];
	return [...fixed, ...scores, ...notes];
}

/** The extract: the kept episodes' sessions, each score in its own column. */
export function extractQuery(shape: ExtractShape): QuerySpec {
	const columns = extractColumns(shape);
	const pivot = shape.measures.map(
		(m) =>
			`max(value) FILTER (WHERE measure::VARCHAR = ${quoteString(m.key)}) AS ${quoteIdent(m.key)}`
	);
	const scores = pivot.length
		? `SELECT session_id, ${pivot.join(', ')} FROM observations GROUP BY session_id`
		: 'SELECT DISTINCT session_id FROM observations';
	return {
		sql: `CREATE OR REPLACE TEMP TABLE deid_extract AS
			WITH sc AS (${scores})
			SELECT ${columns.map((c) => `${c.sql}::${c.type} AS ${quoteIdent(c.name)}`).join(', ')}
			FROM sessions s JOIN deid_classes c ON c.episode = s.episode AND c.kept
			LEFT JOIN sc ON sc.session_id = s.session_id
			ORDER BY c.pseudonym, c.episode_no, s.session_no`
	};
}

export const EXTRACT_ORDER = 'patient, episode, session';
