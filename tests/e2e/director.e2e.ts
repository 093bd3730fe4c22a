import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openWatched, type PageWatch } from './support/browser';
import { chartTable, figure, panel, params, ready } from './support/analysis';

// The director's fair comparison on the bundled sample: observed − expected for each clinic or
// therapist's case mix, in a funnel plot and its table; the filters follow between the views.
const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
	browser = await launchBrowser();
	({ page, watch } = await openWatched(browser, new URL('director', baseUrl).href));
	await ready(page, 'providers-panel');
});
afterAll(() => browser?.close());

const funnel = () => figure(panel(page, 'providers-panel'), /funnel plot$/);
/** The case-mix chart once its answer is in. */
async function caseMix() {
	await page.waitForSelector('[data-testid="case-mix"][aria-busy="false"] figure svg');
	return figure(panel(page, 'providers-panel'), /^Case mix by/);
}
const number = (text: string) => Number(text.replace('−', '-'));

describe('the director: providers compared fairly', () => {
	it('lists every clinic with its n, observed and expected improvement, and the difference', async () => {
		const [head, ...rows] = await chartTable(funnel());
		expect(head?.slice(0, 6)).toEqual([
			'Clinic',
			'n (episodes)',
			'Patients',
			'Observed mean improvement (points)',
			'Expected for its case mix (points)',
			'Observed − expected (points)'
		]);
		expect(rows.length).toBeGreaterThan(1);
		const differences = rows.map((r) => number(r[5]!));
		for (const r of rows) {
			expect(Number(r[1])).toBeGreaterThan(0);
			// Shown to two decimals each: the difference within rounding of their difference.
			expect(Math.abs(number(r[3]!) - number(r[4]!) - number(r[5]!))).toBeLessThanOrEqual(0.011);
			expect(r[7]).toMatch(/^(within|beyond 95 %|beyond 99\.8 %)$/);
		}
		expect(differences).toEqual([...differences].sort((a, b) => b - a));
	});

	it('draws each clinic in the funnel, saying where it sits against the control limits', async () => {
		const marks = await funnel()
			.locator('svg [tabindex="0"]')
			.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!));
		const [, ...rows] = await chartTable(funnel());
		expect(marks).toHaveLength(rows.length);
		for (const mark of marks)
			expect(mark).toMatch(/observed − expected .* (within|beyond .*) the control limits, n = /);
		const limits = funnel().locator('path.line');
		expect(await limits.evaluateAll((ps) => ps.map((p) => p.dataset.series))).toEqual([
			'95 % limit',
			'95 % limit',
			'99.8 % limit',
			'99.8 % limit'
		]);
	});

	it('shows each clinic’s case mix beside the funnel, in its order, adding up to its n', async () => {
		const [, ...funnelRows] = await chartTable(funnel());
		const mix = await caseMix();
		const [head, ...rows] = await chartTable(mix);
		expect(head).toEqual([
			'Clinic',
			'Condition',
			'n (episodes)',
			'Episodes at this level',
			'Share',
			'Share in the whole filter'
		]);
		const episodes = new Map<string, number>();
		for (const r of rows) episodes.set(r[0]!, (episodes.get(r[0]!) ?? 0) + Number(r[3]));
		// Two queries, one set of episodes: each clinic's conditions add up to its n in the funnel.
		expect(new Map(funnelRows.map((r) => [r[0]!, Number(r[1])]))).toEqual(episodes);
		const drawnRows = await mix
			.locator('svg .axis-y text')
			.evaluateAll((ts) => ts.map((t) => t.textContent));
		expect(drawnRows).toEqual(['All in the filter', ...funnelRows.map((r) => r[0])]);
	});

	it('shows the case mix by technique or age band instead, in the address', async () => {
		await panel(page, 'providers-panel').getByLabel('age band').check();
		await expect.poll(() => params(page)).toContainEqual(['mix', 'age_band']);
		await expect.poll(async () => (await chartTable(await caseMix()))[0]?.[1]).toBe('Age band');
		await panel(page, 'providers-panel').getByLabel('condition', { exact: true }).check();
		await expect.poll(() => params(page)).not.toContainEqual(['mix', 'age_band']);
	});

	it('heads the page with the filter’s numbers, each saying what it counts', async () => {
		const kpis = page.getByTestId('kpi-panel');
		const count = async (id: string) => Number(await kpis.getByTestId(id).textContent());
		const [patients, episodes] = [await count('kpi-patients'), await count('kpi-episodes')];
		expect(patients).toBeGreaterThan(100);
		expect(episodes).toBeGreaterThanOrEqual(patients);
		const text = (await kpis.textContent())!;
		expect(text).toContain(`of ${episodes} episodes measured at baseline and later`);
		expect(text).toMatch(
			/Pain: mean improvement\s*\d\.\d\d points\s*95 % CI \d\.\d\d to \d\.\d\d; n = \d+ episodes/
		);
		expect(text).toMatch(/Dropout\s*\d+ %\s*\d+ of \d+ ended episodes stopped before 6 sessions/);
		const improvement = await kpis.getByTestId('kpi-improvement').textContent();
		// The same filter on one clinic: fewer patients, other numbers.
		await page.goto(new URL('director?v=1&clinic=Harbour+Clinic', baseUrl).href);
		await ready(page, 'providers-panel');
		await expect.poll(() => count('kpi-patients')).toBeLessThan(patients);
		expect(await kpis.getByTestId('kpi-improvement').textContent()).not.toBe(improvement);
		await page.goto(new URL('director', baseUrl).href);
		await ready(page, 'providers-panel');
	});

	it('counts dropout against the page’s responder threshold for a measure without an MCID', async () => {
		const kpis = page.getByTestId('kpi-panel');
		/** The dropout count once the panel says `words` (it answers after the funnel may). */
		const dropouts = async (search: string, words: string) => {
			await page.goto(new URL(`director?v=1&measure=sleep${search}`, baseUrl).href);
			await ready(page, 'providers-panel');
			await expect.poll(() => kpis.textContent(), { timeout: 30_000 }).toContain(words);
			const text = (await kpis.textContent())!;
			return { text, n: Number(/(\d+) of \d+ ended episodes/.exec(text)?.[1]) };
		};
		const any = await dropouts('', 'this measure has no MCID: every early stop counts');
		const threshold = await dropouts(
			'&threshold=1',
			'an improvement of 1 or more (your threshold)'
		);
		// Early stops that improved by 1 point no longer count.
		expect(threshold.n).toBeLessThan(any.n);
		await page.goto(new URL('director', baseUrl).href);
		await ready(page, 'providers-panel');
	});

	it('says the strongest and weakest pairs first, each with its interval and n', async () => {
		const findings = page.getByTestId('director-findings');
		const strongest = (await findings.getByTestId('strongest-pair').textContent())!;
		const weakest = (await findings.getByTestId('weakest-pair').textContent())!;
		expect(strongest).toMatch(/^Strongest: .+, .+: pain down \d\.\d points on average \(95 % CI /);
		expect(weakest).toMatch(/^Weakest: .+ \(95 % CI .+\d+ episodes/);
		expect(weakest).toMatch(/Its interval (lies below|overlaps) the strongest’s/);
		expect(await findings.locator('li').count()).toBeGreaterThan(3);
	});

	it('compares therapists instead, in the address', async () => {
		await panel(page, 'providers-panel').getByLabel('therapists').check();
		await expect.poll(() => params(page)).toContainEqual(['providers', 'therapist']);
		await ready(page, 'providers-panel');
		const [head, ...rows] = await chartTable(funnel());
		expect(head?.[0]).toBe('Therapist');
		expect(rows.length).toBeGreaterThan(2);
	});

	it('keeps the filters when going to another view and back', async () => {
		await page.goto(new URL('director?v=1&condition=Low+back+pain', baseUrl).href);
		await ready(page, 'providers-panel');
		await page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'What works' })
			.click();
		await expect.poll(() => new URL(page.url()).pathname).toMatch(/\/$/);
		expect(params(page)).toContainEqual(['condition', 'Low back pain']);
		await ready(page, 'matrix-panel');
		await page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'Director' })
			.click();
		await expect.poll(() => new URL(page.url()).pathname).toMatch(/\/director$/);
		expect(params(page)).toContainEqual(['condition', 'Low back pain']);
		expect(watch.errors).toEqual([]);
	});
});
