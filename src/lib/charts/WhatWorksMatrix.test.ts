import { describe, expect, it } from 'vitest';
import WhatWorksMatrix from './WhatWorksMatrix.svelte';
import type { MatrixRow } from './matrix';
import { findAll, renderMarkup, textOf, titleOf } from './ssr-markup';

const base = { ci_low: null, ci_high: null, responder_ci_low: null, responder_ci_high: null };
const rows: MatrixRow[] = [
	{
		...base,
		condition: 'Neck pain',
		technique: 'Swedish',
		n: 20,
		patients: 18,
		suppressed: false,
		improvement_mean: 1.2,
		ci_low: 0.4,
		ci_high: 2,
		responder_rate: 0.3
	},
	{
		...base,
		condition: 'Low back pain',
		technique: 'Swedish',
		n: 30,
		patients: 25,
		suppressed: false,
		improvement_mean: 2.5,
		responder_rate: 0.6
	},
	{
		...base,
		condition: 'Low back pain',
		technique: 'Cupping',
		n: 3,
		patients: 2,
		suppressed: true,
		improvement_mean: null,
		responder_rate: null
	},
	{
		...base,
		condition: 'Neck pain',
		technique: 'Cupping',
		n: 12,
		patients: 10,
		suppressed: false,
		improvement_mean: -0.5,
		responder_rate: 0.1
	}
];
const props = { rows, metric: 'improvement' as const, measureLabel: 'Pain', unit: 'points' };
const cells = (markup: string) => findAll(markup, 'g', (a) => a.class?.includes('cell') ?? false);

describe('WhatWorksMatrix', () => {
	it('draws a cell per row, each focusable and named by its tooltip', () => {
		const drawn = cells(renderMarkup(WhatWorksMatrix, props));
		expect(drawn).toHaveLength(4);
		for (const c of drawn) {
			expect(c.attrs.tabindex).toBe('0');
			expect(c.attrs['aria-label']).toBe(titleOf(c.inner));
		}
		const neck = drawn.find(
			(c) => c.attrs['data-y'] === 'Neck pain' && c.attrs['data-x'] === 'Swedish'
		)!;
		expect(neck.attrs['aria-label']).toBe(
			'Neck pain × Swedish: mean improvement 1.2 points (95 % CI 0.40 to 2.00), n = 20 episodes, 18 patients'
		);
		expect(textOf(neck.inner)).toBe('1.2n 20');
	});

	it('shows no number in a suppressed cell, and says too few patients', () => {
		const small = cells(renderMarkup(WhatWorksMatrix, props)).find(
			(c) => c.attrs['data-x'] === 'Cupping' && c.attrs['data-y'] === 'Low back pain'
		)!;
		expect(textOf(small.inner)).toBe('too few');
		expect(textOf(small.inner)).not.toMatch(/\d/);
		expect(small.attrs['aria-label']).toMatch(/^Low back pain × Cupping: too few patients/);
		expect(small.inner).toMatch(/fill="url\(#[^)]+-hatch\)"/);
	});

	it('orders rows and columns best first', () => {
		const markup = renderMarkup(WhatWorksMatrix, props);
		const order = cells(markup).map((c) => `${c.attrs['data-y']}|${c.attrs['data-x']}`);
		expect(order).toHaveLength(4);
		const y = (label: string) =>
			findAll(markup, 'g', (a) => a.class === 'cell' && a['data-y'] === label)[0]!.attrs.transform!;
		const top = (t: string) => Number(t.match(/,([\d.]+)\)/)![1]);
		expect(top(y('Low back pain'))).toBeLessThan(top(y('Neck pain')));
		const axis = findAll(markup, 'g', (a) => a.class?.includes('axis-x') ?? false)[0]!;
		expect(textOf(axis.inner).indexOf('Swedish')).toBeLessThan(
			textOf(axis.inner).indexOf('Cupping')
		);
	});

	it('outlines the selected cell and marks it pressed when selectable', () => {
		const markup = renderMarkup(WhatWorksMatrix, {
			...props,
			selected: { condition: 'Neck pain', technique: 'Cupping' },
			onselect: () => {}
		});
		const pressed = cells(markup).filter((c) => c.attrs['aria-pressed'] === 'true');
		expect(pressed.map((c) => c.attrs['data-x'])).toEqual(['Cupping']);
		expect(pressed[0]!.inner).toContain('class="selected"');
		expect(cells(markup).every((c) => c.attrs.role === 'button')).toBe(true);
	});

	it('picks readable text for each fill', () => {
		const markup = renderMarkup(WhatWorksMatrix, props);
		const best = cells(markup).find(
			(c) => c.attrs['data-y'] === 'Low back pain' && c.attrs['data-x'] === 'Swedish'
		)!;
		expect(best.inner).toContain('fill="rgb(45, 0, 75)"');
		expect(best.inner).toMatch(/<text[^>]*fill="#ffffff"/);
	});

	it('shows responder rates as percentages, and the same numbers in its table', () => {
		const markup = renderMarkup(WhatWorksMatrix, {
			...props,
			metric: 'responder_rate',
			showTable: true
		});
		expect(markup).toContain('responder rate by condition and technique');
		const table = findAll(markup, 'tr').map((r) =>
			findAll(r.inner, 'td').map((d) => textOf(d.inner))
		);
		expect(table).toContainEqual(['Low back pain', 'Swedish', '30', '25', '60 %', 'not estimable']);
		expect(table).toContainEqual(['Low back pain', 'Cupping', '3', '2', 'too few patients', '']);
	});
});
