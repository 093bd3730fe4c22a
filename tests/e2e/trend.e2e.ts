import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatCi, formatNumber } from '../../src/lib/charts/format';
import { referenceTrendPoints, type ReferenceTrendOptions } from '../reference/trend-reference';
import { readSampleCsv } from '../support/db';
import { launchBrowser, offOrigin, type PageWatch } from './support/browser';
import {
	changed,
	chartTable,
	drawn,
	measureSelect,
	openAnalysis,
	params,
	ready
} from './support/analysis';

// The trend panel ("Over the course of care") on the bundled sample, against a plain-JS walk.
const baseUrl = inject('baseUrl');
const csv = readSampleCsv();
const CONDITION = 'Low back pain';
const inCondition: Partial<ReferenceTrendOptions> = {
	keep: (e) => e.condition === CONDITION,
	series: 'technique',
	facet: 'condition'
};
let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
	browser = await launchBrowser();
	const search = `?v=1&condition=${encodeURIComponent(CONDITION)}&trend=raw`;
	({ page, watch } = await openAnalysis(browser, baseUrl, search));
});
afterAll(() => browser?.close());

const trendFigure = (trend: Locator) => trend.locator('figure.chart-frame');
const title = async () => (await ready(page, 'trend')).locator('figure h3').textContent();

/** The table shows exactly the reference's points: counts always, numbers only when allowed. */
async function expectTableMatches(options: Partial<ReferenceTrendOptions>) {
	const expected = referenceTrendPoints(csv, {
		measure: 'pain',
		range: [0, 10],
		kind: 'raw',
		better: 'lower',
		series: 'technique',
		facet: 'condition',
		...options
	});
	const [head, ...rows] = await chartTable(trendFigure(await ready(page, 'trend')));
	expect(head).toEqual([
		'Panel',
		'Series',
		'Session number within the episode of care',
		'n (episodes)',
		'Patients',
		options.kind === 'paired' ? 'Mean change' : 'Mean',
		'95 % CI'
	]);
	const want = expected.map((e) => [
		e.facet,
		e.series,
		String(e.time),
		String(e.n),
		String(e.patients),
		e.suppressed ? 'too few patients' : formatNumber(e.mean),
		e.suppressed ? '' : formatCi(e.lo, e.hi)
	]);
	const order = (a: string[], b: string[]) =>
		a[0]!.localeCompare(b[0]!) || a[1]!.localeCompare(b[1]!) || Number(a[2]) - Number(b[2]);
	expect(rows.sort(order)).toEqual(want.sort(order));
	return { expected, rows };
}

describe('the trend on the bundled sample', () => {
	it('shows raw means, n and intervals equal to an independent computation', async () => {
		expect(await title()).toBe(
			'Pain: raw mean score at each point (all episodes seen there), per technique'
		);
		const { expected } = await expectTableMatches({ ...inCondition, kind: 'raw' });
		// Some points describe fewer than five patients: the table gives counts, "too few patients".
		expect(expected.some((p) => p.suppressed)).toBe(true);
		expect(await page.locator('[data-testid="trend"] .caution').textContent()).toMatch(
			/Raw means mix different patients/
		);
	});

	it('draws a line per technique, a point per shown mean, and n at the end of each line', async () => {
		const trend = await ready(page, 'trend');
		const expected = referenceTrendPoints(csv, {
			measure: 'pain',
			range: [0, 10],
			kind: 'raw',
			better: 'lower',
			series: 'technique',
			facet: 'condition',
			...inCondition
		});
		const techniques = new Set(expected.map((p) => p.series));
		expect(
			new Set(
				await trend
					.locator('path.line')
					.evaluateAll((ps) => ps.map((p) => p.getAttribute('data-series')))
			)
		).toEqual(techniques);
		expect(await trend.locator('svg [role="button"][aria-label]').count()).toBe(
			expected.filter((p) => !p.suppressed).length
		);
		// Each line with a shown point ends with that point's n (a line of suppressed points
		// only is empty and unlabelled).
		const lastN = [...techniques].flatMap((t) => {
			const shown = expected.filter((p) => p.series === t && !p.suppressed);
			return shown.length ? [`n ${shown.at(-1)!.n}`] : [];
		});
		expect(lastN.length).toBeGreaterThan(2);
		const labels = await trend.locator('svg text.label').allTextContents();
		expect(labels).toEqual(expect.arrayContaining(lastN));
	});

	it('paired (the default): change from each episode’s own baseline, zero at the first session', async () => {
		const before = await drawn(await ready(page, 'trend'));
		await page.getByRole('radio', { name: 'change from baseline (paired)' }).check();
		await expect
			.poll(() => params(page))
			.toEqual([
				['v', '1'],
				['condition', CONDITION]
			]);
		await changed(page, 'trend', before);
		expect(await title()).toBe(
			'Pain: change from each episode’s own baseline (paired), per technique'
		);
		const { rows } = await expectTableMatches({ ...inCondition, kind: 'paired' });
		const first = rows.filter((r) => r[2] === '1' && r[5] !== 'too few patients');
		expect(first.length).toBeGreaterThan(2);
		expect(new Set(first.map((r) => r.slice(5).join(' | ')))).toEqual(
			new Set(['0.00 | 0.00 to 0.00'])
		);
		expect(await page.locator('[data-testid="trend"] .caution').count()).toBe(0);
	});

	it('says which kind it shows for sports massage, where dropout moves the raw means', async () => {
		await page.goto(new URL('?v=1&technique=Sports+massage', baseUrl).href);
		expect(await title()).toMatch(/\(paired\)/);
		const paired = await drawn(await ready(page, 'trend'));

		await page.getByRole('radio', { name: 'raw means', exact: true }).check();
		await expect
			.poll(() => params(page))
			.toEqual([
				['v', '1'],
				['technique', 'Sports massage'],
				['trend', 'raw']
			]);
		await changed(page, 'trend', paired);
		expect(await title()).toBe(
			'Pain: raw mean score at each point (all episodes seen there), per technique'
		);
		expect(await page.locator('[data-testid="trend"] .caution').textContent()).toMatch(
			/those still attending late in a course may\s+differ from those who stopped/
		);
		// Fewer episodes are seen late in a course than at its start: whose means the tail shows.
		const [, ...rows] = await chartTable(trendFigure(await ready(page, 'trend')));
		const seenAt = (session: string) =>
			rows.filter((r) => r[2] === session).reduce((sum, r) => sum + Number(r[3]), 0);
		expect(seenAt('10')).toBeLessThan(seenAt('1') / 2);
		await page.reload();
		expect(await title()).toMatch(/^Pain: raw mean score/);
	});

	it('splits by technique on request, a panel each, conditions as series', async () => {
		const before = await drawn(await ready(page, 'trend'));
		await page.getByRole('radio', { name: 'technique', exact: true }).check();
		await expect.poll(() => params(page)).toContainEqual(['facet', 'technique']);
		await changed(page, 'trend', before);
		expect(await page.getByTestId('trend-facet').allTextContents()).toEqual(['Sports massage']);
		expect(await title()).toMatch(/per condition$/);
	});

	it('follows the measure, and says when it has no validated MCID', async () => {
		const before = await drawn(await ready(page, 'trend'));
		await measureSelect(page).selectOption('sleep');
		await expect.poll(() => params(page)).toContainEqual(['measure', 'sleep']);
		await changed(page, 'trend', before);
		expect(await title()).toMatch(/^Sleep quality: raw mean score/);
		expect(await page.locator('.measure-note').textContent()).toMatch(/No validated MCID/);
	});

	it('made no request to any other origin and logged no errors', () => {
		expect(watch.requests.some((u) => u.endsWith('.wasm'))).toBe(true);
		expect(offOrigin(watch, baseUrl)).toEqual([]);
		expect(watch.errors).toEqual([]);
	});
});
