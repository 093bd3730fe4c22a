import { describe, expect, it } from 'vitest';
import { csvText, neutraliseFormula, quoteField } from './csv';
import { cellText, type TableColumn } from './table';

type Row = { name: string; n: number; mean: number | null; suppressed: boolean };
const columns: TableColumn<Row>[] = [
	{ key: 'name', label: 'Technique' },
	{ key: 'n', label: 'n (episodes)' },
	{ key: 'mean', label: 'Mean', format: (r) => (r.suppressed ? 'too few patients' : `${r.mean}`) }
];

describe('CSV export', () => {
	it('writes a header and one CRLF-terminated line per row', () => {
		const rows: Row[] = [
			{ name: 'Swedish', n: 12, mean: 1.5, suppressed: false },
			{ name: 'Cupping', n: 3, mean: null, suppressed: true }
		];
		expect(csvText(columns, rows)).toBe(
			'Technique,n (episodes),Mean\r\nSwedish,12,1.5\r\nCupping,3,too few patients\r\n'
		);
	});

	it('quotes fields holding commas, quotes or line breaks (RFC 4180)', () => {
		expect(quoteField('a,b')).toBe('"a,b"');
		expect(quoteField('say "hi"')).toBe('"say ""hi"""');
		expect(quoteField('two\nlines')).toBe('"two\nlines"');
		expect(quoteField('plain')).toBe('plain');
	});

	it.each(['=1+1', '+1', '-1.5', '@SUM(A1)', '\tx', '\rx'])(
		'neutralises %j with a leading apostrophe',
		(cell) => expect(neutraliseFormula(cell)).toBe(`'${cell}`)
	);

	it('leaves ordinary text and U+2212 minus alone', () => {
		expect(neutraliseFormula('−1.50')).toBe('−1.50');
		expect(neutraliseFormula('Low back pain')).toBe('Low back pain');
	});

	it('neutralises before quoting, so a hostile cell stays one field', () => {
		const hostile: Row = { name: '=HYPERLINK("x","y")', n: 1, mean: 0, suppressed: false };
		const line = csvText(columns, [hostile]).split('\r\n')[1];
		expect(line).toBe(`"'=HYPERLINK(""x"",""y"")",1,0`);
	});

	it('writes none as empty and booleans as yes/no', () => {
		type B = { flag: boolean; v: number | null };
		expect(cellText<B>({ key: 'flag', label: 'F' }, { flag: true, v: null })).toBe('yes');
		expect(cellText<B>({ key: 'v', label: 'V' }, { flag: false, v: null })).toBe('');
	});
});
