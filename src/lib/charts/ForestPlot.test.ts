import { describe, expect, it } from 'vitest';
import ForestPlot from './ForestPlot.svelte';
import type { ForestRow } from './forest';
import { seriesPalette } from './palette';
import { findAll, renderMarkup, textOf, titleOf } from './ssr-markup';

const rows: ForestRow[] = [
	{ technique: 'Swedish', n: 20, patients: 18, suppressed: false, mean: 1, lo: -1, hi: 3 },
	{ technique: 'Cupping', n: 4, patients: 3, suppressed: true, mean: null, lo: null, hi: null },
	{ technique: 'Deep', n: 30, patients: 26, suppressed: false, mean: 2, lo: 1.5, hi: 2.5 }
];
const palette = seriesPalette(['Swedish', 'Deep', 'Cupping']);
const props = {
	rows,
	mode: 'raw' as const,
	condition: 'Low back pain',
	measureLabel: 'Pain',
	unit: 'points',
	palette,
	width: 640
};
const intervals = (markup: string) => findAll(markup, 'g', (a) => a.class === 'interval');

describe('ForestPlot', () => {
	it('puts each interval at its pixel position on a known scale', () => {
		// 640 wide, 90 px of labels left and 120 right: 430 px for −1 … 3, so 107.5 px per point.
		const swedish = intervals(renderMarkup(ForestPlot, props)).find(
			(g) => g.attrs['data-at'] === 'Swedish'
		)!;
		const whisker = findAll(swedish.inner, 'line', (a) => a.class === 'whisker')[0]!;
		expect(Number(whisker.attrs.x1)).toBeCloseTo(0, 6);
		expect(Number(whisker.attrs.x2)).toBeCloseTo(430, 6);
		const marker = findAll(swedish.inner, 'circle')[0]!;
		expect(Number(marker.attrs.cx)).toBeCloseTo(215, 6);
		expect(Number(marker.attrs.cy)).toBe(Number(whisker.attrs.y1));
	});

	it('draws the zero line where no change is', () => {
		const markup = renderMarkup(ForestPlot, props);
		const rule = findAll(findAll(markup, 'g', (a) => a.class === 'rule')[0]!.inner, 'line')[0]!;
		expect(Number(rule.attrs.x1)).toBeCloseTo(107.5, 6);
		expect(markup).toContain('no change');
	});

	it('orders best first, says too few patients for small rows, and shows n beside every row', () => {
		const markup = renderMarkup(ForestPlot, props);
		expect(intervals(markup).map((g) => g.attrs['data-at'])).toEqual(['Deep', 'Swedish']);
		const small = findAll(
			markup,
			'text',
			(a) => a['aria-label']?.startsWith('Cupping') ?? false
		)[0]!;
		expect(textOf(small.inner)).toBe('too few patients');
		expect(small.attrs.tabindex).toBe('0');
		const n = findAll(markup, 'text', (a) => a.class === 'label').map((t) => textOf(t.inner));
		expect(n).toEqual(expect.arrayContaining(['n 20', 'n 4', 'n 30']));
	});

	it('names each interval by its tooltip, worded for the mode', () => {
		const raw = intervals(renderMarkup(ForestPlot, props))[0]!;
		expect(raw.attrs['aria-label']).toBe(titleOf(raw.inner));
		expect(raw.attrs['aria-label']).toBe(
			'Deep: mean improvement 2.00 points (95 % CI 1.50 to 2.50), n = 30 episodes, 26 patients'
		);
		const markup = renderMarkup(ForestPlot, { ...props, mode: 'adjusted' });
		expect(intervals(markup)[0]!.attrs['aria-label']).toMatch(
			/^Deep: adjusted mean improvement 2\.00/
		);
		expect(markup).toContain('ANCOVA');
	});

	it('lists only the techniques drawn in its legend, as buttons when selectable', () => {
		const markup = renderMarkup(ForestPlot, { ...props, selected: 'Deep', onselect: () => {} });
		const items = findAll(markup, 'li').map((li) => textOf(li.inner).trim());
		expect(items).toEqual(['Deep', 'Swedish']);
		expect(
			findAll(markup, 'button', (a) => a['aria-pressed'] === 'true').map((b) =>
				textOf(b.inner).trim()
			)
		).toEqual(['Deep']);
		expect(
			intervals(markup).find((g) => g.attrs['data-at'] === 'Deep')!.attrs['aria-pressed']
		).toBe('true');
	});
});
