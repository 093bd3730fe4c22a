import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, type PageWatch } from './support/browser';
import {
	chartTable,
	chips,
	drawn,
	figure,
	openAnalysis,
	panel,
	params,
	ready
} from './support/analysis';

// Clicking the matrix filters the other charts (crossfilter), and small cells hide their numbers.
const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
	browser = await launchBrowser();
	({ page, watch } = await openAnalysis(browser, baseUrl));
});
afterAll(() => browser?.close());

const CONDITION = 'Neck pain';
const TECHNIQUE = 'Myofascial release';
const cell = (condition: string, technique: string) =>
	panel(page, 'matrix-panel').locator(`g.cell[data-y="${condition}"][data-x="${technique}"]`);

const facets = () => panel(page, 'trend').getByTestId('trend-facet').allTextContents();
const forestHeading = () => panel(page, 'forest-panel').locator('h2').textContent();
const pressed = (marks: Locator) =>
	marks.evaluateAll((els) =>
		els
			.filter((e) => e.getAttribute('aria-pressed') === 'true')
			.map((e) => e.getAttribute('aria-label') ?? e.textContent?.trim())
	);

let allFacets: string[];
let defaultForest: string | null;

/** The trend and forest follow the selected cell; the matrix keeps every cell. */
async function expectSelected() {
	await expect
		.poll(() => params(page))
		.toEqual([
			['v', '1'],
			['select.condition', CONDITION],
			['select.technique', TECHNIQUE]
		]);
	expect(await cell(CONDITION, TECHNIQUE).getAttribute('aria-pressed')).toBe('true');
	expect((await chips(page)).map((c) => c.label)).toEqual([
		`Selected: ${CONDITION} × ${TECHNIQUE}`
	]);

	await ready(page, 'forest-panel');
	await expect.poll(forestHeading).toBe(`Techniques compared within ${CONDITION}`);
	await ready(page, 'forest-panel');
	const forest = panel(page, 'forest-panel');
	expect((await pressed(forest.locator('g.interval'))).map((l) => l?.split(':')[0])).toEqual([
		TECHNIQUE
	]);

	const trend = await ready(page, 'trend');
	await expect.poll(facets).toEqual([CONDITION]);
	// The technique is highlighted, not filtered out: the others stay for comparison.
	expect(await pressed(trend.locator('.legend button'))).toEqual([TECHNIQUE]);
	expect(await trend.locator('.legend button').count()).toBeGreaterThan(1);
	expect(await trend.locator('figure .description').textContent()).toContain(
		`95 % band for ${TECHNIQUE}`
	);
}

async function expectCleared() {
	await expect.poll(() => page.url()).toBe(baseUrl);
	expect(await cell(CONDITION, TECHNIQUE).getAttribute('aria-pressed')).toBe('false');
	await ready(page, 'forest-panel');
	await expect.poll(forestHeading).toBe(defaultForest);
	await ready(page, 'trend');
	await expect.poll(facets).toEqual(allFacets);
	expect(await pressed(panel(page, 'trend').locator('.legend button'))).toEqual([]);
}

describe('a matrix cell', () => {
	it('is a button named by what it shows', async () => {
		const label = await cell(CONDITION, TECHNIQUE).getAttribute('aria-label');
		expect(label).toMatch(
			new RegExp(
				`^${CONDITION} × ${TECHNIQUE}: mean improvement [\\d.]+ points .*n = \\d+ episodes`
			)
		);
		expect(await cell(CONDITION, TECHNIQUE).getAttribute('role')).toBe('button');
		defaultForest = await forestHeading();
		expect(defaultForest).not.toContain(CONDITION);
		await ready(page, 'trend');
		allFacets = await facets();
		expect(allFacets.length).toBeGreaterThan(5);
		expect(allFacets).toContain(CONDITION);
	});

	it('clicked, filters the trend and the forest to its condition; clicked again, clears', async () => {
		await ready(page, 'matrix-panel');
		const cellsBefore = await panel(page, 'matrix-panel').locator('g.cell').count();
		await cell(CONDITION, TECHNIQUE).click();
		await expectSelected();
		// The matrix is not filtered by its own click.
		expect(await panel(page, 'matrix-panel').locator('g.cell').count()).toBe(cellsBefore);

		await ready(page, 'matrix-panel');
		await cell(CONDITION, TECHNIQUE).click();
		await expectCleared();
	});

	it('focused, Enter selects it and Enter again clears', async () => {
		await ready(page, 'matrix-panel');
		await cell(CONDITION, TECHNIQUE).focus();
		await page.keyboard.press('Enter');
		await expectSelected();
		await ready(page, 'matrix-panel');
		await cell(CONDITION, TECHNIQUE).focus();
		await page.keyboard.press('Enter');
		await expectCleared();
	});

	it('with too few patients says so, and shows no number', async () => {
		const matrix = await ready(page, 'matrix-panel');
		const small = await matrix.locator('g.cell').evaluateAll((gs) =>
			gs
				.filter((g) => /too few patients/.test(g.getAttribute('aria-label') ?? ''))
				.map((g) => ({
					key: [g.getAttribute('data-y'), g.getAttribute('data-x')],
					// What is drawn in the box (the <title> tooltip holds only counts).
					text: [...g.querySelectorAll('text')].map((t) => t.textContent).join(' '),
					fill: g.querySelector('rect')?.getAttribute('fill')
				}))
		);
		expect(small.length).toBeGreaterThan(0);
		for (const s of small) {
			expect(s.text, s.key.join(' × ')).toBe('too few');
			expect(s.fill).toMatch(/^url\(#.*hatch\)$/);
		}
		// The table behind it: counts only, the statistic in words.
		const rows = await chartTable(figure(matrix, /by condition and technique/));
		const [condition, technique] = small[0]!.key;
		const row = rows.find((r) => r[0] === condition && r[1] === technique)!;
		expect(row.slice(4)).toEqual(['too few patients', '']);
		expect(row[2]).toMatch(/^\d+$/);
	});

	it('rule follows the "too few patients" setting, kept in the address', async () => {
		const matrix = await ready(page, 'matrix-panel');
		const before = await drawn(matrix);
		const suppressed = () =>
			matrix
				.locator('g.cell')
				.evaluateAll(
					(gs) =>
						gs.filter((g) => /too few patients/.test(g.getAttribute('aria-label') ?? '')).length
				);
		const few = await suppressed();
		await page.getByTestId('min-patients-input').fill('20');
		await page.getByTestId('min-patients-input').press('Tab');
		await expect
			.poll(() => params(page))
			.toEqual([
				['v', '1'],
				['minPatients', '20']
			]);
		await expect.poll(() => drawn(matrix)).not.toBe(before);
		await ready(page, 'matrix-panel');
		expect(await suppressed()).toBeGreaterThan(few);
		expect(await matrix.locator('figure .description').textContent()).toContain(
			'fewer than 20 patients'
		);
	});

	it('unfolded, the pairwise comparisons list every pair with p and BH q-values', async () => {
		const forest = await ready(page, 'forest-panel');
		const comparisons = forest.getByTestId('comparisons');
		expect(await comparisons.locator('tbody tr').count()).toBe(0); // asked only when unfolded
		await comparisons.locator('summary').click();
		// One row per pair of the techniques the forest shows.
		const shown = await forest.locator('g.interval').count();
		await expect
			.poll(() => comparisons.locator('tbody tr').count())
			.toBe((shown * (shown - 1)) / 2);
		expect(await comparisons.getAttribute('aria-busy')).toBe('false');
		expect(await forest.getAttribute('aria-busy')).toBe('false');
		const heads = await comparisons.locator('thead th').allTextContents();
		expect(heads).toEqual(expect.arrayContaining(['Difference', '95 % CI', 'p', 'q (BH)']));
		// q ≥ p in every row (Benjamini–Hochberg never lowers a p-value).
		const pq = await comparisons
			.locator('tbody tr')
			.evaluateAll((rows) =>
				rows.map((r) => [...r.querySelectorAll('td')].slice(-2).map((td) => td.textContent ?? ''))
			);
		const value = (t: string) => (t.startsWith('<') ? 0.0005 : Number(t));
		for (const [p, q] of pq) expect(value(q!)).toBeGreaterThanOrEqual(value(p!));
	});

	it('logged no errors', () => {
		expect(watch.errors).toEqual([]);
	});
});
