import { describe, expect, it } from 'vitest';
import { rowPieces, rowStatusSql } from './status-sql';
import type { Mapping } from './mapping';

describe('rowPieces', () => {
	it('covers every row of every file once, in ranges of one file, the ends left open', () => {
		expect(rowPieces([{ rows: 7 }, { rows: 0 }, { rows: 3 }], 3)).toEqual([
			{ file: 0, through: 3 },
			{ file: 0, after: 3, through: 6 },
			{ file: 0, after: 6 },
			{ file: 1 },
			{ file: 2 }
		]);
	});

	it('refuses a range that is not whole numbers before any SQL is built', () => {
		const mapping = { layout: 'wide', fields: {}, measures: { pain: 'pain' } } as Mapping;
		expect(() => rowStatusSql(mapping, { file: 0, after: 1.5 })).toThrow(/whole numbers/);
		expect(rowStatusSql(mapping, { file: 1, after: 3, through: 6 })).toContain(
			'c.__file_no = 1 AND c.__row > 3 AND c.__row <= 6'
		);
	});
});
