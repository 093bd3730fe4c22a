import { scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import TrendSmallMultiples from './TrendSmallMultiples.svelte';
import { seriesPalette } from './palette';
import { findAll, renderMarkup, textOf, titleOf } from './ssr-markup';
import type { TrendPanelData, TrendPanelPoint } from './trend-panels';

const p = (time: number, mean: number | null, patients = 20): TrendPanelPoint => ({
	time,
	n: patients + 2,
	patients,
	suppressed: mean === null,
	mean,
	lo: mean === null ? null : mean - 0.5,
	hi: mean === null ? null : mean + 0.5
});
const names = ['Swedish', 'Cupping', 'Deep', 'Trigger', 'Myofascial', 'Reiki'];
const panels: TrendPanelData[] = [
	{
		title: 'Low back pain',
		series: names.slice(0, 5).map((name, i) => ({
			name,
			points: [p(1, 0), p(2, null, 3), p(3, 1 + i, i === 0 ? 6 : 20), p(4, 2 + i, 20 + 5 * i)]
		}))
	},
	{
		title: 'Neck pain',
		series: [
			{ name: 'Swedish', points: [p(1, 0), p(2, 1.5)] },
			{ name: 'Reiki', points: [p(1, null, 2), p(2, null, 2)] }
		]
	}
];
const props = {
	panels,
	highlight: null,
	kind: 'paired' as const,
	xLabel: 'Session',
	yLabel: 'Pain change (points)',
	title: 'Pain over the course of care',
	palette: seriesPalette(names),
	width: 900
};

describe('TrendSmallMultiples', () => {
	it('draws one band per panel however many series it has', () => {
		const markup = renderMarkup(TrendSmallMultiples, props);
		const bands = findAll(markup, 'path', (a) => a.class === 'band');
		// Largest series per panel: Myofascial in the first (highest n), Swedish in the second.
		expect(bands.map((b) => b.attrs['data-series'])).toEqual(['Myofascial', 'Swedish']);
		const highlighted = renderMarkup(TrendSmallMultiples, { ...props, highlight: 'Cupping' });
		expect(
			findAll(highlighted, 'path', (a) => a.class === 'band').map((b) => b.attrs['data-series'])
		).toEqual(['Cupping', 'Swedish']);
	});

	it('leaves suppressed points out and breaks the line there', () => {
		const markup = renderMarkup(TrendSmallMultiples, props);
		const line = findAll(
			markup,
			'path',
			(a) => a.class === 'line' && a['data-series'] === 'Cupping'
		)[0]!;
		expect(line.attrs.d!.match(/M/g)).toHaveLength(2);
		const cupping = findAll(
			markup,
			'g',
			(a) => a.class === 'points' && a['data-series'] === 'Cupping'
		)[0]!;
		expect(findAll(cupping.inner, 'path', (a) => a.class === 'marker')).toHaveLength(3);
		// Reiki has only suppressed points: no line drawn, not in the legend.
		expect(
			findAll(markup, 'path', (a) => a['data-series'] === 'Reiki').every((l) => l.attrs.d === '')
		).toBe(true);
	});

	it('lists only the drawn series in its legend', () => {
		const markup = renderMarkup(TrendSmallMultiples, props);
		expect(findAll(markup, 'li').map((li) => li.attrs['data-series'])).toEqual(names.slice(0, 5));
	});

	it('takes its y axis from the data, shared by the panels, with a zero line', () => {
		const markup = renderMarkup(TrendSmallMultiples, props);
		const axes = findAll(markup, 'g', (a) => a.class === 'axis axis-y').map((g) =>
			findAll(g.inner, 'text', (a) => !a['font-weight']).map((t) => textOf(t.inner))
		);
		expect(axes).toHaveLength(2);
		expect(axes[0]).toEqual(axes[1]);
		// Means 0…6, Myofascial's band −0.5…6.5, made round: not a fixed 0–10.
		const ticks = scaleLinear().domain([-0.5, 6.5]).nice().ticks(6);
		expect(axes[0]).toEqual(ticks.map((t) => String(t).replace('-', '−')));
		expect(findAll(markup, 'g', (a) => a.class === 'rule')).toHaveLength(2);
		const raw = renderMarkup(TrendSmallMultiples, { ...props, kind: 'raw' });
		expect(findAll(raw, 'g', (a) => a.class === 'rule')).toHaveLength(0);
	});

	it('makes every point focusable with its tooltip, fades small ones and labels n at the end', () => {
		const markup = renderMarkup(TrendSmallMultiples, props);
		const swedish = findAll(
			markup,
			'g',
			(a) => a.class === 'points' && a['data-series'] === 'Swedish'
		)[0]!;
		const markers = findAll(swedish.inner, 'circle');
		expect(markers.map((m) => m.attrs['aria-label'])).toEqual(markers.map((m) => titleOf(m.inner)));
		expect(markers.every((m) => m.attrs.tabindex === '0')).toBe(true);
		expect(markers[1]!.attrs['aria-label']).toBe(
			'Swedish, Low back pain, session 3: mean change 1.00 (95 % CI 0.50 to 1.50), n = 8 episodes, 6 patients'
		);
		expect(markers.map((m) => m.attrs['fill-opacity'])).toEqual(['1', '0.35', '1']);
		const labels = findAll(markup, 'text', (a) => a.class === 'label').map((t) => textOf(t.inner));
		expect(labels).toContain('n 22');
	});

	it('makes lines, points and legend items select their series when selectable', () => {
		const markup = renderMarkup(TrendSmallMultiples, {
			...props,
			highlight: 'Deep',
			onselect: () => {}
		});
		expect(
			findAll(markup, 'button', (a) => a['aria-pressed'] === 'true').map((b) =>
				textOf(b.inner).trim()
			)
		).toEqual(['Deep']);
		const deep = findAll(
			markup,
			'g',
			(a) => a.class === 'points' && a['data-series'] === 'Deep'
		)[0]!;
		expect(findAll(deep.inner, 'path', (a) => a.role === 'button')).toHaveLength(3);
	});
});
