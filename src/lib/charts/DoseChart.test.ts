import { describe, expect, it } from 'vitest';
import DoseChart from './DoseChart.svelte';
import type { DoseBand } from './dose';
import { findAll, renderMarkup, textOf, titleOf } from './ssr-markup';

const band = (value: number, mean: number | null, n = 20): DoseBand => ({
	value,
	label: `${value} min`,
	n,
	patients: n - 1,
	suppressed: mean === null,
	mean,
	lo: mean === null ? null : mean - 1,
	hi: mean === null ? null : mean + 1
});
const props = {
	bands: [band(15, null, 4), band(30, 1), band(45, 2), band(60, 3)],
	title: 'Pain by session length',
	xLabel: 'Session length',
	measureLabel: 'Pain',
	unit: 'points',
	width: 640
};
const intervals = (markup: string) => findAll(markup, 'g', (a) => a.class === 'interval');

describe('DoseChart', () => {
	it('draws a vertical interval per band in the order given, at the band’s centre', () => {
		const drawn = intervals(renderMarkup(DoseChart, props));
		expect(drawn.map((g) => g.attrs['data-at'])).toEqual(['30 min', '45 min', '60 min']);
		// 572 px for four bands, padding 0.2: step 572 / 4.2, centre of band i at step × (0.2 + 0.4 + i).
		const step = 572 / 4.2;
		const whisker = findAll(drawn[0]!.inner, 'line', (a) => a.class === 'whisker')[0]!;
		expect(Number(whisker.attrs.x1)).toBeCloseTo(step * 1.6, 6);
		expect(Number(whisker.attrs.x1)).toBe(Number(whisker.attrs.x2));
		// y: 0 … 4 over 232 px (300 − 24 − 44), bottom to top: 0 to 2 is 232 … 116.
		expect(Number(whisker.attrs.y1)).toBeCloseTo(232, 6);
		expect(Number(whisker.attrs.y2)).toBeCloseTo(116, 6);
	});

	it('says too few patients for a small band and shows n above every band', () => {
		const markup = renderMarkup(DoseChart, props);
		const small = findAll(
			markup,
			'text',
			(a) => a['aria-label']?.startsWith('15 min') ?? false
		)[0]!;
		expect(small.attrs['aria-label']).toBe('15 min: too few patients (n = 4 episodes, 3 patients)');
		const labels = findAll(markup, 'text', (a) => a.class === 'label').map((t) => textOf(t.inner));
		expect(labels).toEqual(expect.arrayContaining(['too few', 'patients', 'n 4', 'n 20']));
		expect(labels.filter((l) => l.startsWith('n '))).toHaveLength(4);
	});

	it('selects a band by its value with mouse or keyboard', () => {
		const markup = renderMarkup(DoseChart, { ...props, selected: 45, onselect: () => {} });
		const drawn = intervals(markup);
		expect(drawn.every((g) => g.attrs.role === 'button' && g.attrs.tabindex === '0')).toBe(true);
		expect(drawn.map((g) => g.attrs['aria-pressed'])).toEqual(['false', 'true', 'false']);
		expect(drawn[1]!.attrs['aria-label']).toBe(titleOf(drawn[1]!.inner));
	});

	it('hides its table until asked, then shows the numbers the tooltips give', () => {
		const closed = renderMarkup(DoseChart, props);
		expect(findAll(closed, 'table')).toHaveLength(0);
		const toggle = findAll(closed, 'button', (a) => a['aria-expanded'] === 'false')[0]!;
		expect(textOf(toggle.inner)).toBe('Show table');
		expect(findAll(closed, 'button').map((b) => textOf(b.inner))).toEqual(
			expect.arrayContaining(['CSV', 'SVG', 'PNG'])
		);
		const open = renderMarkup(DoseChart, { ...props, showTable: true });
		const cells = findAll(open, 'tr').map((r) =>
			findAll(r.inner, 'td').map((d) => textOf(d.inner))
		);
		expect(cells.slice(1)).toEqual([
			['15 min', '4', '3', 'too few patients', ''],
			['30 min', '20', '19', '1.00', '0.00 to 2.00'],
			['45 min', '20', '19', '2.00', '1.00 to 3.00'],
			['60 min', '20', '19', '3.00', '2.00 to 4.00']
		]);
		const tooltip = intervals(open)[0]!.attrs['aria-label']!;
		expect(tooltip).toContain('mean improvement 1.00 points (95 % CI 0.00 to 2.00)');
	});
});
