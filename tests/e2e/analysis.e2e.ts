import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, offOrigin, type PageWatch } from './support/browser';
import {
	changed,
	chips,
	drawn,
	drawnOnScreen,
	measureSelect,
	openAnalysis,
	panel,
	PANELS,
	params,
	ready,
	tick,
	type PanelId
} from './support/analysis';

// The analysis page on the bundled sample: filters, chips and the address (Issue 11).
const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let watch: PageWatch;
type Snapshot = Record<PanelId, string>;
/** What every panel drew, and the address, after each step of the first test. */
const views: { url: string; shown: Snapshot }[] = [];

beforeAll(async () => {
	browser = await launchBrowser();
	({ page, watch } = await openAnalysis(browser, baseUrl));
});
afterAll(() => browser?.close());

async function snapshot(on: Page = page): Promise<Snapshot> {
	const shown = {} as Snapshot;
	for (const id of PANELS) shown[id] = await drawn(await ready(on, id));
	return shown;
}

/** After a change: the address is `expected`, and every panel drew something new. */
async function everyPanelChanged(expected: [string, string][], before: Snapshot) {
	await expect.poll(() => params(page)).toEqual(expected);
	const after = {} as Snapshot;
	for (const id of PANELS) after[id] = await changed(page, id, before[id]);
	views.push({ url: page.url(), shown: after });
	return after;
}

/** Every panel draws exactly `expected` (e.g. a view seen before). */
async function shows(expected: Snapshot, on: Page = page) {
	for (const id of PANELS)
		await expect.poll(() => drawnOnScreen(on, id), { timeout: 60_000 }).toBe(expected[id]);
}

const cellsOf = (on: Page) =>
	on.$$eval('[data-testid="matrix-panel"] g.cell', (gs) =>
		gs.map((g) => [g.getAttribute('data-y'), g.getAttribute('data-x')])
	);

describe('charts off screen', () => {
	it('are not announced as busy while they wait to be scrolled to', async () => {
		// Only the matrix has been waited for: the dose charts are at the foot of the page. Before the
		// matrix grew they may have been on screen for a moment and asked (and even drawn): whatever
		// they asked then was cancelled or answered, so none is coming and they must not stay busy.
		const dose = panel(page, 'dose-panel');
		expect(await dose.evaluate((el) => el.getBoundingClientRect().top > innerHeight)).toBe(true);
		await expect.poll(() => dose.getAttribute('aria-busy')).toBe('false');
		await ready(page, 'dose-panel');
		expect(await dose.locator('figure svg').count()).toBeGreaterThan(0);
	});
});

describe('filters on the analysis page', () => {
	it('change the address and every chart, one filter at a time', async () => {
		expect(page.url()).toBe(baseUrl); // the default view is the plain address
		let shown = await snapshot();
		const v: [string, string][] = [['v', '1']];

		await tick(page, 'Condition', 'Neck pain');
		shown = await everyPanelChanged([...v, ['condition', 'Neck pain']], shown);
		expect(new Set((await cellsOf(page)).map(([condition]) => condition))).toEqual(
			new Set(['Neck pain'])
		);
		expect(await panel(page, 'forest-panel').locator('h2').textContent()).toBe(
			'Techniques compared within Neck pain'
		);

		await tick(page, 'Technique', 'Myofascial release');
		await everyPanelChanged(
			[...v, ['condition', 'Neck pain'], ['technique', 'Myofascial release']],
			shown
		);
		shown = views.at(-1)!.shown;
		await tick(page, 'Technique', 'Swedish');
		const filters: [string, string][] = [
			['condition', 'Neck pain'],
			['technique', 'Myofascial release'],
			['technique', 'Swedish']
		];
		shown = await everyPanelChanged([...v, ...filters], shown);
		expect(new Set((await cellsOf(page)).map(([, technique]) => technique))).toEqual(
			new Set(['Myofascial release', 'Swedish'])
		);

		await measureSelect(page).selectOption('stress');
		shown = await everyPanelChanged([...v, ['measure', 'stress'], ...filters], shown);
		expect(await panel(page, 'matrix-panel').locator('figure h3').textContent()).toMatch(
			/^Stress: /
		);

		await tick(page, 'Session length', '60 min or longer');
		await everyPanelChanged(
			[...v, ['measure', 'stress'], ...filters, ['length_band', '60']],
			shown
		);
		const bands = await panel(page, 'dose-panel')
			.locator('g.interval, text.label[role="button"]')
			.evaluateAll((marks) => marks.map((m) => m.getAttribute('aria-label')?.split(':')[0]));
		expect(bands[0]).toBe('60 min or longer');
		expect(bands).not.toContain('30 min');
	});

	it('list chips with the n each leaves, and removing one restores the view before it', async () => {
		const shown = await chips(page);
		expect(shown.map((c) => c.label)).toEqual([
			'Condition: Neck pain',
			'Technique: Myofascial release, Swedish',
			'Session length: 60 min or longer'
		]);
		const leaves = shown.map((c) => {
			const m = /^leaves (\d+) episodes?, (\d+) patients?$/.exec(c.leaves ?? '');
			expect(m, c.leaves ?? 'no count').not.toBeNull();
			return Number(m![1]);
		});
		// Each chip narrows what is left; the last leaves what the charts show.
		expect(leaves[0]).toBeGreaterThan(leaves[1]!);
		expect(leaves[1]).toBeGreaterThan(leaves[2]!);
		expect(leaves[2]).toBeGreaterThan(0);
		const histogram = await panel(page, 'distribution-panel')
			.locator('figure .description')
			.textContent();
		expect(histogram).toContain(`n = ${leaves[2]} episodes`);
		const cellN = await panel(page, 'matrix-panel')
			.locator('g.cell')
			.evaluateAll((gs) =>
				gs.map((g) => Number(/n = (\d+) episode/.exec(g.getAttribute('aria-label') ?? '')?.[1]))
			);
		expect(cellN.reduce((a, b) => a + b, 0)).toBe(leaves[2]);

		await page.getByRole('button', { name: '× Session length: 60 min or longer' }).click();
		const before = views.at(-2)!;
		await expect.poll(() => page.url()).toBe(before.url);
		await shows(before.shown);
		expect((await chips(page)).map((c) => c.label)).toEqual([
			'Condition: Neck pain',
			'Technique: Myofascial release, Swedish'
		]);
	});

	it('back and forward restore the previous and next views', async () => {
		const [withoutLength, withLength] = views.slice(-2) as [(typeof views)[0], (typeof views)[0]];
		await page.goBack();
		await expect.poll(() => page.url()).toBe(withLength.url);
		await shows(withLength.shown);
		await page.goBack();
		await expect.poll(() => page.url()).toBe(withoutLength.url);
		await shows(withoutLength.shown);
		await page.goForward();
		await expect.poll(() => page.url()).toBe(withLength.url);
		await shows(withLength.shown);
	});

	it('a reload restores the same view, filter bar included', async () => {
		const view = views.at(-1)!;
		await page.reload();
		await ready(page, 'matrix-panel');
		expect(page.url()).toBe(view.url);
		await shows(view.shown);
		expect(await measureSelect(page).inputValue()).toBe('stress');
		expect(await page.locator('section[aria-label="Filters"] summary').allTextContents()).toEqual(
			expect.arrayContaining(['Condition: Neck pain', 'Technique: 2 selected'])
		);
	});

	it('a pasted link opens the same view in a browser that never saw the page', async () => {
		const view = views.at(-1)!;
		const context = await browser.newContext();
		const { page: fresh, watch: freshWatch } = await openAnalysis(
			browser,
			baseUrl,
			new URL(view.url).search,
			context
		);
		await shows(view.shown, fresh);
		expect(freshWatch.errors).toEqual([]);
		await context.close();
	});

	it('drops values it cannot read, says so, and applies the rest', async () => {
		await page.goto(new URL('?v=1&condition=Neck+pain&minPatients=abc&metric=bogus', baseUrl).href);
		await ready(page, 'matrix-panel');
		expect(await page.getByTestId('dropped-note').allTextContents()).toEqual([
			// In the order of the address schema, whatever the link's order.
			'Ignored metric=bogus: the matrix colour is "improvement" or "responders"',
			'Ignored minPatients=abc: not a whole number from 2 to 50'
		]);
		// The defaults stand in for them; the readable condition is applied.
		expect(await page.getByTestId('min-patients-input').inputValue()).toBe('5');
		expect(await page.getByRole('radio', { name: 'mean improvement' }).isChecked()).toBe(true);
		expect(new Set((await cellsOf(page)).map(([c]) => c))).toEqual(new Set(['Neck pain']));
		// The next change writes a clean address, and the note goes.
		await page.getByTestId('min-patients-input').fill('10');
		await page.getByTestId('min-patients-input').press('Tab');
		await expect
			.poll(() => params(page))
			.toEqual([
				['v', '1'],
				['condition', 'Neck pain'],
				['minPatients', '10']
			]);
		expect(await page.getByTestId('dropped-note').count()).toBe(0);
	});

	it('made no request off the device and logged no errors', () => {
		expect(offOrigin(watch, baseUrl)).toEqual([]);
		expect(watch.errors).toEqual([]);
	});
});
