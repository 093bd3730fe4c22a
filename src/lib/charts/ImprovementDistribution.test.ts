import { describe, expect, it } from 'vitest';
import ImprovementDistribution from './ImprovementDistribution.svelte';
import { findAll, renderMarkup, textOf, titleOf } from './ssr-markup';

const bins = [
	{ x0: -2, x1: 0, count: 3 },
	{ x0: 0, x1: 2, count: 10 },
	{ x0: 2, x1: 4, count: 7 }
];
const props = {
	bins,
	n: 20,
	patients: 18,
	suppressed: false,
	measureLabel: 'Pain',
	unit: 'points',
	mcid: 2,
	width: 640
};
const ruleLabels = (markup: string) =>
	findAll(markup, 'g', (a) => a.class === 'rule').map((g) => textOf(g.inner));

describe('ImprovementDistribution', () => {
	it('draws a focusable bar per bin, named by its tooltip', () => {
		const bars = findAll(
			renderMarkup(ImprovementDistribution, props),
			'rect',
			(a) => a.class === 'bar'
		);
		expect(bars).toHaveLength(3);
		expect(bars.map((b) => b.attrs['aria-label'])).toEqual(bars.map((b) => titleOf(b.inner)));
		expect(bars[1]!.attrs['aria-label']).toBe('Improvement 0 to 2 points: 10 episodes');
		expect(bars.every((b) => b.attrs.tabindex === '0')).toBe(true);
		// Plot 572 px wide for −2 … 4: the bin 0–2 spans 190.7 px (minus a 1 px gap).
		expect(Number(bars[1]!.attrs.width)).toBeCloseTo(572 / 3 - 1, 6);
	});

	it('labels the MCID line, or the threshold that replaces it', () => {
		expect(ruleLabels(renderMarkup(ImprovementDistribution, props))).toContain('MCID 2 points');
		const custom = renderMarkup(ImprovementDistribution, {
			...props,
			unit: '% of normal',
			mcid: null,
			threshold: 5
		});
		expect(ruleLabels(custom)).toContain('threshold 5 % of normal');
		expect(custom).not.toContain('No validated MCID');
	});

	it('says so when there is no validated MCID and no threshold', () => {
		const markup = renderMarkup(ImprovementDistribution, { ...props, mcid: null });
		expect(markup).toContain('No validated MCID for this measure');
		expect(ruleLabels(markup).filter((l) => l)).toEqual([]);
		expect(markup).toContain('Improvement in pain (points)');
	});

	it('draws no bars when there are too few patients, and says so', () => {
		const markup = renderMarkup(ImprovementDistribution, {
			...props,
			suppressed: true,
			n: 4,
			patients: 3
		});
		expect(findAll(markup, 'rect', (a) => a.class === 'bar')).toHaveLength(0);
		const label = findAll(markup, 'text', (a) => a.class === 'label')[0]!;
		expect(textOf(label.inner)).toBe('too few patients');
		expect(label.attrs['aria-label']).toMatch(/too few patients/);
	});
});
