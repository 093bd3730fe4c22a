import { describe, expect, it } from 'vitest';
import { exportFilename } from './filename';

describe('export file names', () => {
	it('make a slug of the title', () => {
		expect(exportFilename('What works: pain × technique', 'csv')).toBe(
			'what-works-pain-technique.csv'
		);
	});
	it('fold accents and drop path characters', () => {
		expect(exportFilename('Schmerz – Rücken/../Nacken', 'svg')).toBe('schmerz-rucken-nacken.svg');
	});
	it('are never empty or overlong', () => {
		expect(exportFilename('×××', 'png')).toBe('chart.png');
		expect(exportFilename('a'.repeat(200), 'png')).toBe(`${'a'.repeat(80)}.png`);
	});
});
