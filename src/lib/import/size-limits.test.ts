import { describe, expect, it } from 'vitest';
import { PlainError } from '../errors/user-error';
import { refuseTooLarge, sizeRefusal, TAB_LIMITS, type SizedFile } from './size-limits';

const csv = (bytes: number, name = 'sessions.csv'): SizedFile => ({ name, format: 'csv', bytes });
const xlsx = (bytes: number, name = 'sessions.xlsx'): SizedFile => ({
	name,
	format: 'xlsx',
	bytes
});
const parquet = (rows: number | undefined, name = 'sessions.parquet'): SizedFile => ({
	name,
	format: 'parquet',
	bytes: 1000,
	rows
});
const CSV_MAX = TAB_LIMITS.csv.max;
const XLSX_MAX = TAB_LIMITS.xlsx.max;
const SERVER =
	'For larger datasets, import on the command line and open the dataset on the DuckDB server: ' +
	'“npm run -s cli -- import <file> --out dataset.duckdb”, then “npm run serve -- dataset.duckdb” ' +
	'(see the README, Server mode).';

describe('what a browser tab can import', () => {
	it('takes a file exactly at its limit and refuses one byte more', () => {
		expect(sizeRefusal([csv(CSV_MAX)])).toBeNull();
		expect(sizeRefusal([csv(CSV_MAX + 1)])).not.toBeNull();
		expect(sizeRefusal([xlsx(XLSX_MAX)])).toBeNull();
		expect(sizeRefusal([xlsx(XLSX_MAX + 1)])).not.toBeNull();
	});

	it('says how large the file is, what fits and the server option', () => {
		expect(sizeRefusal([csv(1.2e9)])).toBe(
			'sessions.csv is 1.2 GB; this browser tab can import CSV or text files up to about 1 GB ' +
				`(about 10 million sessions). ${SERVER}`
		);
	});

	it('holds Excel to a far smaller size than CSV, and says why and what to do', () => {
		const bytes = 60e6; // fits easily as CSV
		expect(sizeRefusal([csv(bytes)])).toBeNull();
		expect(sizeRefusal([xlsx(bytes)])).toBe(
			'sessions.xlsx is 60 MB; this browser tab can import Excel workbooks up to about 50 MB ' +
				'(about 1 million sessions). An Excel workbook is parsed in JavaScript, about a minute ' +
				'for every 500 000 rows, so save the sheet as CSV (CSV UTF-8) to import up to about ' +
				`1 GB here. ${SERVER}`
		);
	});

	it('counts several files together', () => {
		const half = CSV_MAX / 2;
		expect(sizeRefusal([csv(half, 'a.csv'), csv(half, 'b.csv')])).toBeNull();
		expect(sizeRefusal([csv(half, 'a.csv'), csv(half, 'b.csv'), csv(1, 'c.csv')])).toBe(
			'Together, a.csv, b.csv and c.csv are 1 GB; this browser tab can import about 1 GB ' +
				`of CSV at once (about 10 million sessions). ${SERVER}`
		);
	});

	it('counts files of different formats by the share of the tab each one takes', () => {
		const files = [csv(CSV_MAX * 0.6, 'a.csv'), xlsx(XLSX_MAX * 0.5, 'b.xlsx')];
		expect(sizeRefusal(files)).toMatch(
			/^Together, a\.csv and b\.xlsx are more than this browser tab can import at once \(about 1 GB of CSV or 50 MB of Excel\)\. An Excel workbook is parsed in JavaScript/
		);
		expect(sizeRefusal([csv(CSV_MAX * 0.5), xlsx(XLSX_MAX * 0.5)])).toBeNull();
	});

	it('names the one file too large among several', () => {
		expect(sizeRefusal([csv(1000, 'small.csv'), csv(1.1e9, 'big.csv')])).toMatch(
			/^big\.csv is 1.1 GB; /
		);
	});

	it('holds Parquet to the rows its footer states, whatever its bytes', () => {
		const max = TAB_LIMITS.parquet.max;
		expect(sizeRefusal([parquet(max)])).toBeNull();
		expect(sizeRefusal([parquet(max + 1)])).not.toBeNull();
		expect(sizeRefusal([parquet(12_345_678)])).toBe(
			`sessions.parquet holds 12 million rows; this browser tab can import Parquet files up to about 3 million rows. ${SERVER}`
		);
		// No readable footer: the reader says the file is damaged, not this check.
		expect(sizeRefusal([parquet(undefined)])).toBeNull();
	});

	it('refuses with a message shown whole (a PlainError)', () => {
		expect(() => refuseTooLarge([csv(CSV_MAX)])).not.toThrow();
		expect(() => refuseTooLarge([csv(CSV_MAX + 1)])).toThrow(PlainError);
	});
});
