/**
 * The table behind a chart: columns name a row field and how to write it. The on-screen table and
 * the CSV export both go through cellText, so they hold the same text as each other and as the
 * chart's tooltips (the chart's own format functions are passed in).
 */
export interface TableColumn<Row> {
	key: keyof Row & string;
	label: string;
	/** How the cell reads; by default the field's value as is ('' for none). */
	format?: (row: Row) => string;
}

export function cellText<Row>(column: TableColumn<Row>, row: Row): string {
	if (column.format) return column.format(row);
	const value = row[column.key];
	if (value === null || value === undefined) return '';
	if (typeof value === 'boolean') return value ? 'yes' : 'no';
	return String(value);
}
