import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, toCsv } from './csv-export';

describe('CSV export', () => {
	it.each(['=1+2', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x'])('neutralises %j', (cell) => {
		expect(neutraliseFormula(cell)).toBe(`'${cell}`);
	});

	it('leaves ordinary text and numbers alone', () => {
		expect(neutraliseFormula('7.5')).toBe('7.5');
		expect(neutraliseFormula('Low back pain')).toBe('Low back pain');
	});

	it('quotes delimiters, quotes and newlines so the file parses back', () => {
		const rows = [
			{ file: 'a.csv', row: 3, value: 'said "hi", then\nleft', reason: 'not_numeric' },
			{ file: 'b.csv', row: 4, value: null, reason: 'missing_patient' }
		];
		const parsed = csvParse(toCsv(['file', 'row', 'value', 'reason'], rows));
		expect(parsed.map((r) => ({ ...r }))).toEqual([
			{ file: 'a.csv', row: '3', value: 'said "hi", then\nleft', reason: 'not_numeric' },
			{ file: 'b.csv', row: '4', value: '', reason: 'missing_patient' }
		]);
	});
});
