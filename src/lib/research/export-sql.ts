import type { QuerySpec } from '../engine/engine';
import { quoteIdent } from '../engine/quote';
import { csvTextSql } from '../import/csv-export';
import { asSubquery } from './console-sql';

/** How a result column is written to Parquet. */
export type ParquetKind =
	'boolean' | 'int32' | 'int64' | 'double' | 'date' | 'timestamp' | 'string';

/** A result column: its name and DuckDB type, as DESCRIBE gives them. */
export interface ResultColumn {
	name: string;
	type: string;
}

const ROW = 'console_row';

/**
 * The whole result as one CSV text, made in the engine by the import report's writer (formula
 * cells neutralised, RFC 4180 quoting), rows in the query's own order: row_number() OVER () is
 * taken as rows arrive, which DuckDB keeps in the subquery's order (checked on 300k shuffled rows).
 */
export function csvExportQuery(text: string, columns: readonly ResultColumn[]): QuerySpec {
	const numbered = `(SELECT *, row_number() OVER () AS ${ROW} FROM ${asSubquery(text)}) AS numbered`;
	return {
		sql: csvTextSql(
			columns.map((c) => c.name),
			numbered,
			ROW
		)
	};
}

/** DuckDB's type → how it goes into Parquet; anything without a plain Parquet twin as text. */
export function parquetKind(duckdbType: string): ParquetKind {
	const type = duckdbType.toUpperCase();
	if (type === 'BOOLEAN') return 'boolean';
	if (/^U?(TINYINT|SMALLINT)$|^INTEGER$/.test(type)) return 'int32';
	// Counts (BIGINT) reach the page as doubles (DUCKDB_OPEN_CONFIG): exact up to 2^53.
	if (type === 'BIGINT' || type === 'UINTEGER') return 'int64';
	if (/^(FLOAT|DOUBLE|DECIMAL|HUGEINT|UHUGEINT|UBIGINT)/.test(type)) return 'double';
	if (type === 'DATE') return 'date';
	if (/^TIMESTAMP/.test(type)) return 'timestamp';
	return 'string';
}

/** Numbers are right-aligned on the page. */
export const isNumeric = (duckdbType: string) =>
	['int32', 'int64', 'double'].includes(parquetKind(duckdbType));

/** Each column as the Parquet writer takes it: days for dates, milliseconds for timestamps. */
function parquetColumnSql(column: ResultColumn): string {
	const c = quoteIdent(column.name);
	const as = `AS ${c}`;
	switch (parquetKind(column.type)) {
		case 'boolean':
			return `${c}::BOOLEAN ${as}`;
		case 'int32':
			return `${c}::INTEGER ${as}`;
		case 'int64':
			return `${c}::BIGINT ${as}`;
		case 'double':
			return `${c}::DOUBLE ${as}`;
		case 'date':
			return `datediff('day', DATE '1970-01-01', ${c})::INTEGER ${as}`;
		case 'timestamp':
			return `epoch_ms(${c}::TIMESTAMP) ${as}`;
		case 'string':
			return `${c}::VARCHAR ${as}`;
	}
}

/** The whole result, every column in the shape its Parquet kind needs, in the query's order. */
export function parquetExportQuery(text: string, columns: readonly ResultColumn[]): QuerySpec {
	return {
		sql: `SELECT ${columns.map(parquetColumnSql).join(', ')} FROM ${asSubquery(text)}`
	};
}
