/**
 * What every reader produces: the file as a DuckDB staging table with one VARCHAR column per
 * source column, in file order, plus where each row came from. Types are decided later, in SQL,
 * where every failed cast can be reported with its row.
 */

/** A file to import: a browser File, or a Blob made from a file on disk in Node. */
export interface SourceFile {
	name: string;
	blob: Blob;
}

export type Format = 'csv' | 'xlsx' | 'parquet' | 'json' | 'ndjson';

export interface ReadProgress {
	bytesRead: number;
	totalBytes: number;
	rows: number;
}

export interface ReadOptions {
	/** Excel: the sheet to read (default: the first). */
	sheet?: string;
	/** Excel: larger workbooks are read row by row (default: readers/excel.ts). */
	wholeWorkbookMaxBytes?: number;
	onProgress?: (progress: ReadProgress) => void;
}

export interface StagedFile {
	file: string;
	format: Format;
	/** The DuckDB table holding the rows (unquoted name; quote it when used). */
	table: string;
	/** Source column names as staged: trimmed, made unique, never empty. */
	columns: string[];
	/** Data records read (the header is not a record; blank records are skipped, not counted). */
	rows: number;
	/** Facts about the read worth showing: encoding, delimiter, sheet, blank rows skipped… */
	notes: string[];
	/** Excel: every sheet in the workbook, and the one read. */
	sheets?: string[];
	sheet?: string;
}

/** 1-based data record number in the source (header not counted). */
export const SOURCE_ROW = '__source_row';
/** Excel only: the sheet's own row number, as Excel shows it. */
export const SHEET_ROW = '__sheet_row';
