import { describe, expect, it } from 'vitest';
import { stagingColumnNames } from './columns';

describe('stagingColumnNames', () => {
	it('trims, names empty headers by position and numbers repeats', () => {
		expect(stagingColumnNames([' Pain (0-10) ', '', 'pain (0-10)', null, 'Date\n'])).toEqual([
			'Pain (0-10)',
			'column 2',
			'pain (0-10) (2)',
			'column 4',
			'Date'
		]);
	});

	it('never collides with the bookkeeping columns', () => {
		expect(stagingColumnNames(['__source_row', '__SOURCE_ROW'])).toEqual([
			'__source_row (2)',
			'__SOURCE_ROW (3)'
		]);
	});

	it('drops NUL, which no SQL identifier can hold', () => {
		expect(stagingColumnNames(['pa\u0000in', '\u0000'])).toEqual(['pain', 'column 2']);
	});

	it('keeps quotes, SQL keywords and unicode as they are', () => {
		expect(stagingColumnNames(['select', 'a "b"', 'שם 💥'])).toEqual(['select', 'a "b"', 'שם 💥']);
	});
});
