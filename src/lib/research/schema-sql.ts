import type { QuerySpec } from '../engine/engine';
import { quoteString } from '../engine/quote';
import { DATASET_TABLES } from '../import/pipeline';
import { DERIVED_TABLES } from '../model/derived-tables';

const list = (names: readonly string[]) => names.map(quoteString).join(', ');

/**
 * The tables a researcher can query, beside the console: the dataset's own (what the import
 * wrote) and the analysis tables built from them, each column with its DuckDB type, in table
 * then column order. Work tables, staging and TEMP tables are not listed (only DATASET_TABLES).
 */
export function schemaQuery(): QuerySpec {
	return {
		sql: `SELECT c.table_name AS "table",
				CASE WHEN c.table_name IN (${list(DERIVED_TABLES)}) THEN 'analysis' ELSE 'dataset' END AS kind,
				c.column_name AS "column", c.data_type AS type
			FROM duckdb_columns() c JOIN duckdb_tables() t USING (database_name, schema_name, table_name)
			WHERE c.database_name = 'mo_data' AND c.schema_name = 'main' AND NOT t.temporary
				AND NOT t.internal AND c.table_name IN (${list(DATASET_TABLES)})
			ORDER BY kind DESC, c.table_name, c.column_index`
	};
}
