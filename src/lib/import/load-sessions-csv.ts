import type { Connector } from '../engine/connector';
import { quoteIdent, quoteString } from '../engine/quote';
import type { Measure } from '../measures/registry';
import {
	CATEGORY_COLUMNS,
	EPISODE_GAP_DAYS,
	OPTIONAL_COLUMNS,
	REQUIRED_COLUMNS
} from './canonical-columns';
import { problemsSql, ROW_IS_PLACEABLE } from './problems-sql';

export interface ImportSummary {
	file: string;
	rows: number;
	accepted: number;
	rejected: number;
	problems: number;
}

/**
 * Loads an export in the canonical wide layout into `sessions`, `observations` and
 * `import_problems`. Everything is built beside the current tables and swapped in one transaction,
 * so a failed import leaves the loaded dataset untouched.
 */
export async function loadSessionsCsv(
	db: Connector,
	file: string,
	bytes: Uint8Array,
	measures: readonly Measure[]
): Promise<ImportSummary> {
	const registered = `import-${crypto.randomUUID()}.csv`;
	await db.registerFile(registered, bytes);
	try {
		// All VARCHAR: every cast happens in SQL below, where each failure can be reported.
		await db.query(`CREATE OR REPLACE TEMP TABLE staging AS
			SELECT row_number() OVER ()::INTEGER AS source_row, *
			FROM read_csv(${quoteString(registered)}, header = true, all_varchar = true,
				delim = ',', quote = '"', escape = '"', strict_mode = true)`);
		const present = await measuresPresent(db, measures);
		await db.query(`CREATE OR REPLACE TEMP TABLE sessions_next AS ${await sessionsSql(db, file)}`);
		await db.query(`CREATE OR REPLACE TEMP TABLE observations_next AS ${observationsSql(present)}`);
		await db.query(`CREATE OR REPLACE TEMP TABLE problems_next AS ${problemsSql(file, present)}`);
		await swapIn();
		return await summarise(db, file);
	} finally {
		await db.query('DROP TABLE IF EXISTS staging');
		await db.dropFile(registered);
	}

	async function swapIn() {
		await db.query(`BEGIN TRANSACTION;
			CREATE OR REPLACE TABLE sessions AS FROM sessions_next;
			CREATE OR REPLACE TABLE observations AS FROM observations_next;
			CREATE OR REPLACE TABLE import_problems AS FROM problems_next;
			COMMIT;
			DROP TABLE sessions_next; DROP TABLE observations_next; DROP TABLE problems_next;`);
	}
}

/** Fails with the names of missing columns; returns the measures the file has a column for. */
async function measuresPresent(db: Connector, measures: readonly Measure[]) {
	const described = await db.query('SELECT column_name FROM (DESCRIBE staging)');
	const columns = new Set(described.getChild('column_name')?.toArray() as string[]);
	const missing: string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS].filter(
		(c) => !columns.has(c)
	);
	const present = measures.filter((m) => columns.has(m.key));
	if (!present.length) missing.push(`a measure (${measures.map((m) => m.key).join(', ')})`);
	if (missing.length) throw new Error(`The file lacks required columns: ${missing.join(', ')}`);
	return present;
}

/** Each category becomes an ENUM of the values present: much faster filters at 1M rows. */
async function enumType(db: Connector, column: string): Promise<string> {
	const col = quoteIdent(column);
	const table = await db.query(
		`SELECT DISTINCT trim(${col}) AS v FROM staging WHERE nullif(trim(${col}), '') IS NOT NULL ORDER BY v`
	);
	const values = (table.getChild('v')?.toArray() ?? []) as string[];
	return values.length ? `ENUM(${values.map(quoteString).join(', ')})` : 'VARCHAR';
}

async function sessionsSql(db: Connector, file: string): Promise<string> {
	const categories: string[] = [];
	for (const c of CATEGORY_COLUMNS) {
		categories.push(
			`nullif(trim(${quoteIdent(c)}), '')::${await enumType(db, c)} AS ${quoteIdent(c)}`
		);
	}
	const pair = 'patient, condition, technique';
	return `
		WITH typed AS (
			SELECT source_row, trim(patient_id) AS patient, ${categories.join(', ')},
				TRY_CAST(trim(session_date) AS DATE) AS session_date,
				TRY_CAST(trim(minutes) AS USMALLINT) AS minutes, notes
			FROM staging WHERE ${ROW_IS_PLACEABLE}
		), gaps AS (
			SELECT *, coalesce(session_date - lag(session_date) OVER (
				PARTITION BY ${pair} ORDER BY session_date, source_row) > ${EPISODE_GAP_DAYS}, true) AS opens
			FROM typed
		), courses AS (
			SELECT *, sum(opens::INTEGER) OVER (
				PARTITION BY ${pair} ORDER BY session_date, source_row) AS course
			FROM gaps
		)
		SELECT source_row AS session_id, patient, clinic, therapist, condition, technique, session_date,
			dense_rank() OVER (ORDER BY ${pair}, course)::INTEGER AS episode,
			row_number() OVER (PARTITION BY ${pair}, course ORDER BY session_date, source_row)::USMALLINT
				AS session_no,
			minutes, age_band, sex, notes, ${quoteString(file)} AS source_file, source_row
		FROM courses`;
}

function observationsSql(measures: readonly Measure[]): string {
	const keys = `ENUM(${measures.map((m) => quoteString(m.key)).join(', ')})`;
	return measures
		.map((m) => {
			const num = `TRY_CAST(trim(st.${quoteIdent(m.key)}) AS DOUBLE)`;
			return `SELECT s.session_id, ${quoteString(m.key)}::${keys} AS measure, ${num} AS value
				FROM staging st JOIN sessions_next s USING (source_row)
				WHERE ${num} BETWEEN ${m.min} AND ${m.max}`;
		})
		.join('\nUNION ALL ');
}

async function summarise(db: Connector, file: string): Promise<ImportSummary> {
	const t = await db.query(`SELECT
		(SELECT count(*) FROM staging)::INTEGER AS rows,
		(SELECT count(*) FROM sessions)::INTEGER AS accepted,
		(SELECT count(*) FROM import_problems)::INTEGER AS problems`);
	const row = t.get(0)!.toJSON() as { rows: number; accepted: number; problems: number };
	return { file, ...row, rejected: row.rows - row.accepted };
}
