import type { QuerySpec } from '../engine/engine';
import { quoteIdent, quoteString } from '../engine/quote';
import { DATASET_TABLES } from '../import/pipeline';
import { DERIVED_TABLES } from '../model/derived-tables';

const list = (names: readonly string[]) => names.map(quoteString).join(', ');

/**
 * The tables a researcher can query, beside the console: the dataset's own (what the import
 * wrote) and the analysis tables built from them, each column with its DuckDB type, in table
 * then column order (tables as DATASET_TABLES lists them: sessions first). Work tables, staging and TEMP tables are not listed (only DATASET_TABLES).
 */
export function schemaQuery(): QuerySpec {
	return {
		sql: `SELECT c.table_name AS "table",
				CASE WHEN c.table_name IN (${list(DERIVED_TABLES)}) THEN 'analysis' ELSE 'dataset' END AS kind,
				c.column_name AS "column", c.data_type AS type
			FROM duckdb_columns() c JOIN duckdb_tables() t USING (database_name, schema_name, table_name)
			WHERE c.database_name = 'mo_data' AND c.schema_name = 'main' AND NOT t.temporary
				AND NOT t.internal AND c.table_name IN (${list(DATASET_TABLES)})
			ORDER BY kind DESC, list_position([${list(DATASET_TABLES)}], c.table_name), c.column_index`
	};
}

/** A first query for a table the researcher picks from the schema list. */
export const starterQuery = (table: string) => `SELECT *\nFROM ${quoteIdent(table)}\nLIMIT 100`;

/** What the console holds on a first visit: a question the analysis tables answer (pairs
 * of fewer than 5 episodes left out, as the charts suppress them). */
export const EXAMPLE_QUERY = `SELECT condition, technique, count(*) AS episodes,
	round(avg(improvement), 2) AS mean_improvement
FROM episode_measures
WHERE measure = 'pain' AND excluded IS NULL
GROUP BY ALL
HAVING count(*) >= 5
ORDER BY mean_improvement DESC`;
