import { describe, expect, it } from 'vitest';
import { describeError, PlainError } from './user-error';

describe('describeError', () => {
	it('passes our own plain sentences through whole', () => {
		expect(describeError(new Error('No data rows in empty.csv.'))).toEqual({
			summary: 'No data rows in empty.csv.',
			detail: null
		});
	});

	it('passes a long message written for the user through whole', () => {
		const long = `Nothing was imported: every row of ${'x'.repeat(300)}.csv was rejected.`;
		expect(describeError(new PlainError(long), 'Import failed')).toEqual({
			summary: long,
			detail: null
		});
	});

	it('keeps a raw engine error out of the headline, but in the details', () => {
		const raw = `Parser Error: syntax error at or near "," LINE 4: c.clinic, ${'x'.repeat(3000)}`;
		const shown = describeError(new Error(raw), 'Import of a.csv failed');
		expect(shown.summary).toBe('Import of a.csv failed: The database could not run this step.');
		expect(shown.summary.length).toBeLessThan(120);
		expect(shown.detail).toBe(raw);
	});

	it('says what a known engine failure means', () => {
		expect(describeError(new Error('Out of Memory Error: could not allocate block')).summary).toBe(
			'The browser ran out of memory.'
		);
		// duckdb-wasm's own allocator, failing in the wasm heap (a 4M-row import in Chromium).
		const malloc = describeError(new Error('malloc of size 1073741824 failed'), 'Import failed');
		expect(malloc).toEqual({
			summary: 'Import failed: The browser ran out of memory.',
			detail: 'malloc of size 1073741824 failed'
		});
	});

	it('treats a thousands-of-characters message as detail even without an engine prefix', () => {
		const shown = describeError('z'.repeat(5000));
		expect(shown.summary).toBe('Something went wrong.');
		expect(shown.detail).toHaveLength(5000);
	});
});
