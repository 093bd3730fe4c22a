import type { LocalEngine } from '../engine/engine';
import { quoteIdent } from '../engine/quote';
import { PATIENT_FLAGS, patientFlagsSql } from '../model/patient-flags';

/** Column types of the derived tables as contracts/analysis.md gives them; ENUM is built from the rows. */
const CATEGORIES = ['clinic', 'therapist', 'condition', 'technique', 'age_band', 'sex'] as const;
const category = (name: string): [string, string] => [name, 'ENUM'];

export const EPISODE_MEASURES: [string, string][] = [
	['episode', 'INTEGER'],
	['patient_no', 'INTEGER'],
	...CATEGORIES.map(category),
	['minutes', 'USMALLINT'],
	['length_band', 'USMALLINT'],
	['sessions', 'USMALLINT'],
	['days_followed', 'INTEGER'],
	['start_date', 'DATE'],
	['measure', 'ENUM'],
	['better', 'VARCHAR'],
	['baseline', 'DOUBLE'],
	['last', 'DOUBLE'],
	['change', 'DOUBLE'],
	['improvement', 'DOUBLE'],
	['pct_improvement', 'DOUBLE'],
	['responder', 'BOOLEAN'],
	['target_met', 'BOOLEAN'],
	['excluded', 'VARCHAR']
];

export const EPISODE_POINTS: [string, string][] = [
	['measure', 'ENUM'],
	['episode', 'INTEGER'],
	['patient_no', 'INTEGER'],
	...CATEGORIES.map(category),
	['length_band', 'USMALLINT'],
	['sessions', 'USMALLINT'],
	['start_date', 'DATE'],
	['time', 'DOUBLE'],
	['week', 'INTEGER'],
	['value', 'DOUBLE'],
	['change', 'DOUBLE']
];

export const MEASURES: [string, string][] = [
	['key', 'VARCHAR'],
	['min', 'DOUBLE'],
	['max', 'DOUBLE']
];

type Row = Record<string, string | number | boolean | null>;

/**
 * Creates `name` from reference rows with the contract's column types, categories as real ENUMs
 * (their labels from the rows), so the builders meet the types the model produces. Test-only.
 */
export async function loadTable(
	db: LocalEngine,
	name: string,
	columns: readonly [string, string][],
	rows: readonly Row[]
): Promise<void> {
	const staging = quoteIdent(`${name}_staging`);
	const typed = columns.map(([c, t]) => `${quoteIdent(c)} ${t === 'ENUM' ? 'VARCHAR' : t}`);
	await db.query({ sql: `CREATE OR REPLACE TABLE ${staging} (${typed.join(', ')})` });
	const marks = `(${columns.map(() => '?').join(', ')})`;
	for (let i = 0; i < rows.length; i += 100) {
		const chunk = rows.slice(i, i + 100);
		await db.query({
			sql: `INSERT INTO ${staging} VALUES ${chunk.map(() => marks).join(', ')}`,
			params: chunk.flatMap((row) => columns.map(([c]) => row[c] ?? null))
		});
	}
	const select = [];
	for (const [c, t] of columns) {
		const column = quoteIdent(c);
		if (t !== 'ENUM') {
			select.push(column);
			continue;
		}
		const type = quoteIdent(`${name}_${c}`);
		await db.query({
			sql: `CREATE TYPE ${type} AS ENUM (SELECT DISTINCT ${column} FROM ${staging} WHERE ${column} IS NOT NULL ORDER BY 1)`
		});
		select.push(`${column}::${type} AS ${column}`);
	}
	// The model's patient flags, derived the same way from the rows, so fixtures need not spell
	// them out: those whose fields the table has.
	const has = (c: string) => columns.some(([name]) => name === c);
	const flags = PATIENT_FLAGS.filter((f) => ['measure', 'patient_no', ...f.fields].every(has));
	const flagColumns = flags.length ? `, ${patientFlagsSql(flags, 'count(DISTINCT episode)')}` : '';
	await db.query({
		sql: `CREATE OR REPLACE TABLE ${quoteIdent(name)} AS SELECT ${select.join(', ')}${flagColumns} FROM ${staging}; DROP TABLE ${staging}`
	});
	// The model's measure_keys, which every builder joins to pick a measure's rows. As text: each
	// fixture table has an ENUM of its own, and a key no row has only matches nothing.
	if (columns.some(([c]) => c === 'measure'))
		await db.query({
			sql: `CREATE TABLE IF NOT EXISTS measure_keys (measure VARCHAR);
				INSERT INTO measure_keys SELECT DISTINCT measure::VARCHAR FROM ${quoteIdent(name)}
				EXCEPT SELECT measure FROM measure_keys`
		});
}
