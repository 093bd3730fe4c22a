import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatCi, formatNumber } from '../../src/lib/charts/format';
import { referenceEpisodes, referenceTrend } from '../reference/trend-reference';
import { readSampleCsv } from '../support/db';
import { launchBrowser, offOrigin, openWatched, type PageWatch } from './support/browser';

const baseUrl = inject('baseUrl');
const csv = readSampleCsv();
let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
	browser = await launchBrowser();
	({ page, watch } = await openWatched(browser, baseUrl));
	await page.waitForSelector('[data-testid="trend"] svg path.line', { timeout: 60_000 });
});
afterAll(() => browser?.close());

/** The numbers the page shows, row by row, from the table behind the chart. */
async function shownTable(page: Page) {
	return page.$$eval('.trend-table tbody tr', (trs) =>
		trs.map((tr) => ({
			technique: tr.getAttribute('data-technique'),
			time: Number(tr.getAttribute('data-time')),
			n: Number(tr.querySelector('[data-col="n"]')?.textContent),
			patients: Number(tr.querySelector('[data-col="patients"]')?.textContent),
			mean: tr.querySelector('[data-col="mean"]')?.textContent ?? null,
			ci: tr.querySelector('[data-col="ci"]')?.textContent ?? null,
			cells: [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())
		}))
	);
}

async function expectTableMatchesReference(condition: string | null) {
	const expected = referenceTrend(csv, 'pain', [0, 10], condition);
	const shown = await shownTable(page);
	expect(shown.length).toBe(expected.length);
	const byKey = new Map(shown.map((r) => [`${r.technique}#${r.time}`, r]));
	for (const e of expected) {
		const row = byKey.get(`${e.technique}#${e.time}`);
		expect(row, `${e.technique} session ${e.time}`).toBeDefined();
		expect({ n: row!.n, patients: row!.patients }).toEqual({ n: e.n, patients: e.patients });
		if (e.suppressed) {
			// Counts only: the engine sent no mean, and the page shows none.
			const counts = [e.technique, e.time, e.n, e.patients].map(String);
			expect(row!.cells).toEqual([...counts, 'too few patients']);
		} else {
			expect(row!.mean).toBe(formatNumber(e.mean));
			expect(row!.ci).toBe(formatCi(e.lo, e.hi));
		}
	}
}

describe('the trend view on the bundled sample', () => {
	it('draws a line and a confidence band per technique', async () => {
		const techniques = new Set(referenceTrend(csv, 'pain', [0, 10], null).map((p) => p.technique));
		expect(techniques.size).toBe(6);
		const lines = await page.$$eval('path.line', (ps) =>
			ps.map((p) => p.getAttribute('data-series'))
		);
		const bands = await page.$$eval('path.band', (ps) =>
			ps.map((p) => p.getAttribute('data-series'))
		);
		expect(new Set(lines)).toEqual(techniques);
		expect(new Set(bands)).toEqual(techniques);
		const drawn = await page.$$eval('path.line', (ps) =>
			ps.every((p) => (p.getAttribute('d') ?? '').length > 10)
		);
		expect(drawn).toBe(true);
		// A dot per point with enough patients; the suppressed ones are not drawn at all.
		const shown = referenceTrend(csv, 'pain', [0, 10], null).filter((p) => !p.suppressed);
		expect(await page.$$eval('[data-testid="trend"] svg circle', (cs) => cs.length)).toBe(
			shown.length
		);
	});

	it('shows means, intervals and n equal to an independent computation', async () => {
		await expectTableMatchesReference(null);
		// The sample has a point describing fewer than five patients: it must be among them.
		expect(referenceTrend(csv, 'pain', [0, 10], null).some((p) => p.suppressed)).toBe(true);
	});

	it('counts episodes and patients per condition in the selector', async () => {
		const lowBack = referenceEpisodes(csv).filter((e) => e.condition === 'Low back pain');
		const patients = new Set(lowBack.map((e) => e.patient)).size;
		expect(await page.textContent('option[value="Low back pain"]')).toBe(
			`Low back pain (${lowBack.length} episodes, ${patients} patients)`
		);
	});

	it('changes with the condition selector and keeps it in the URL', async () => {
		await page.selectOption('[data-testid="condition-select"]', 'Low back pain');
		await page.waitForURL(/condition=Low\+back\+pain/);
		await page.waitForFunction(
			(n) => document.querySelectorAll('.trend-table tbody tr').length === n,
			referenceTrend(csv, 'pain', [0, 10], 'Low back pain').length
		);
		await expectTableMatchesReference('Low back pain');

		await page.reload();
		await page.waitForSelector('[data-testid="trend"] svg path.line', { timeout: 60_000 });
		expect(await page.inputValue('[data-testid="condition-select"]')).toBe('Low back pain');
		await expectTableMatchesReference('Low back pain');
	});

	it('says when a measure has no validated MCID', async () => {
		await page.selectOption('[data-testid="measure-select"]', 'sleep');
		await page.waitForURL(/measure=sleep/);
		await expect.poll(() => page.textContent('.measure-note')).toMatch(/No validated MCID/);
	});

	it('made no request to any other origin and logged no errors', () => {
		expect(watch.requests.some((u) => u.endsWith('.wasm'))).toBe(true);
		expect(offOrigin(watch, baseUrl)).toEqual([]);
		expect(watch.errors).toEqual([]);
	});
});
