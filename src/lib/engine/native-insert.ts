import { DataType, type Field, type Table } from 'apache-arrow';
import { DuckDBDateValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from './quote';
import { rowObjects } from './rows';

/**
 * Arrow columns as native DuckDB takes them in: the SQL type to create and how one value is
 * appended. These are the types the app hands an engine (the readers' staging tables are text
 * with integer row numbers; stored datasets add doubles, booleans, dates and ENUMs, whose labels
 * come as text and are stored as VARCHAR: a restore through this engine is for tests and tools).
 */
interface Appending {
	sql: string;
	append: (a: DuckDBAppender, value: unknown) => void;
}

const DAY_MS = 86_400_000;

function appending(field: Field): Appending {
	const { type } = field;
	if (DataType.isUtf8(type) || DataType.isLargeUtf8(type) || DataType.isDictionary(type)) {
		return { sql: 'VARCHAR', append: (a, v) => a.appendVarchar(String(v)) };
	}
	if (DataType.isBool(type)) return { sql: 'BOOLEAN', append: (a, v) => a.appendBoolean(!!v) };
	if (DataType.isInt(type) && type.bitWidth <= 32) {
		return { sql: 'INTEGER', append: (a, v) => a.appendInteger(Number(v)) };
	}
	if (DataType.isInt(type) || DataType.isFloat(type)) {
		return { sql: 'DOUBLE', append: (a, v) => a.appendDouble(Number(v)) };
	}
	if (DataType.isDate(type)) {
		const days = (v: unknown) => Math.floor(Number(v instanceof Date ? v.getTime() : v) / DAY_MS);
		return { sql: 'DATE', append: (a, v) => a.appendDate(new DuckDBDateValue(days(v))) };
	}
	throw new Error(`Column ${field.name}: Arrow type ${String(type)} is not supported here`);
}

/** Creates table `name` (in the session's catalog) holding the Arrow table's rows. */
export async function insertTable(conn: DuckDBConnection, name: string, data: Table) {
	const fields = data.schema.fields;
	const columns = fields.map(appending);
	const defs = fields.map((f, i) => `${quoteIdent(f.name)} ${columns[i]!.sql}`).join(', ');
	await conn.run(`CREATE TABLE ${quoteIdent(name)} (${defs})`);
	const appender = await conn.createAppender(name);
	try {
		// rowObjects, not vector.get: it keeps a text's leading U+FEFF (pitfalls.md).
		for (const row of rowObjects(data)) {
			fields.forEach((field, i) => {
				const value = row[field.name];
				if (value === null || value === undefined) appender.appendNull();
				else columns[i]!.append(appender, value);
			});
			appender.endRow();
		}
		appender.flushSync();
	} finally {
		appender.closeSync();
	}
}
