import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readSampleCsv } from '../support/db';
import { referenceFlags } from '../reference/therapist-reference';
import { launchBrowser, offOrigin, openWatched, type PageWatch } from './support/browser';
import { chartTable, figure, params } from './support/analysis';

// The therapist's view on the bundled sample: pick a therapist, see who is flagged (checked
// against a plain-JS walk of the sample), open a flagged patient against the expected band,
// compare patients.
const baseUrl = inject('baseUrl');
const THERAPIST = 'A. Novak';
let browser: Browser;
let page: Page;
let watch: PageWatch;

const testid = (id: string) => page.locator(`[data-testid="${id}"]`);
const listed = async () => {
	await page.waitForFunction(
		() =>
			document.querySelector('[data-testid="patients-panel"]')?.getAttribute('aria-busy') ===
			'false'
	);
	return page.locator('[data-testid="patient-table"] tbody tr');
};

beforeAll(async () => {
	browser = await launchBrowser();
	({ page, watch } = await openWatched(browser, new URL('therapist', baseUrl).href));
	await testid('choose-therapist').waitFor({ timeout: 120_000 });
});
afterAll(() => browser?.close());

describe('the therapist’s patients', () => {
	it('lists a chosen therapist’s patients with flag counts as the sample gives them', async () => {
		await testid('therapist-picker').selectOption(THERAPIST);
		await page.waitForURL(/therapist=A\.\+Novak/);
		await testid('flag-overdue').waitFor();
		const expected = referenceFlags(
			readSampleCsv(),
			{ key: 'pain', better: 'lower', range: [0, 10], mcidPoints: 2, mcidPercent: 30 },
			{ therapist: THERAPIST, stallAfter: 4, overdueWeeks: 3, planned: 6 }
		);
		const count = (flag: 'notProgressing' | 'worse' | 'overdue') =>
			String(expected.filter((e) => e[flag]).length);
		await expect
			.poll(() => testid('flag-not-progressing').locator('.count').textContent())
			.toBe(count('notProgressing'));
		expect(await testid('flag-worse').locator('.count').textContent()).toBe(count('worse'));
		expect(await testid('flag-overdue').locator('.count').textContent()).toBe(count('overdue'));
		// Every page of the list together carries exactly those flags.
		const seen = { 'not progressing': 0, 'getting worse': 0, overdue: 0 };
		await expect
			.poll(() => testid('patients-range').textContent())
			.toBe(`Episodes 1–25 of ${expected.length}`);
		for (;;) {
			for (const flag of await (await listed()).locator('.flag').allTextContents())
				seen[flag as keyof typeof seen]++;
			const next = page.getByRole('button', { name: 'Next' });
			if (await next.isDisabled()) break;
			const before = await testid('patients-range').textContent();
			await next.click();
			await expect.poll(() => testid('patients-range').textContent()).not.toBe(before);
		}
		expect(seen).toEqual({
			'not progressing': Number(count('notProgressing')),
			'getting worse': Number(count('worse')),
			overdue: Number(count('overdue'))
		});
	});

	it('searches patient ids and sorts in the address', async () => {
		await testid('patient-search').fill('00003');
		await expect.poll(async () => params(page)).toContainEqual(['search', '00003']);
		const ids = await (await listed()).locator('[data-testid="patient-link"]').allTextContents();
		expect(ids.length).toBeGreaterThan(0);
		for (const id of ids) expect(id).toContain('00003');
		await testid('patient-search').fill('no such patient');
		await expect
			.poll(() => testid('patients-empty').textContent())
			.toContain('No patient id contains');
		await testid('patient-search').fill('');
		await testid('patient-sort').selectOption('patient');
		await expect.poll(async () => params(page)).toContainEqual(['sort', 'patient']);
		const sorted = await (await listed()).locator('[data-testid="patient-link"]').allTextContents();
		expect(sorted).toEqual([...sorted].sort());
	});

	it('overlays ticked patients’ trajectories, aligned by session or by weeks', async () => {
		const rows = await listed();
		await rows.nth(0).locator('input[type="checkbox"]').check();
		await expect.poll(async () => params(page).filter(([k]) => k === 'compare').length).toBe(1);
		await (await listed()).nth(1).locator('input[type="checkbox"]').check();
		await expect.poll(async () => params(page).filter(([k]) => k === 'compare').length).toBe(2);
		const chart = figure(testid('compare-panel'), /of 2 compared patients$/);
		await chart.waitFor();
		expect(await chart.locator('path.line').count()).toBe(2);
		await testid('compare-panel').getByLabel('weeks since the first session').check();
		await expect.poll(async () => params(page)).toContainEqual(['axis', 'week']);
		await expect
			.poll(() => chart.textContent())
			.toContain('Weeks since the episode’s first session');
	});
});

describe('a flagged patient’s page', () => {
	it('shows each measure against the band of similar episodes, and the notes as text', async () => {
		// P000030: 12 sessions of low back pain, pain 6 → 7: not progressing, in the reference too.
		await testid('patient-search').fill('P000030');
		const first = (await listed()).nth(0);
		await expect
			.poll(() => first.locator('[data-testid="patient-link"]').textContent())
			.toBe('P000030');
		expect(await first.locator('.flag').allTextContents()).toEqual(['not progressing']);
		const id = 'P000030';
		await first.locator('[data-testid="patient-link"]').click();
		await page.waitForURL(new RegExp(`/therapist/${id}\\?`));
		// The filters travel with the link.
		expect(params(page)).toContainEqual(['therapist', THERAPIST]);
		expect(await testid('patient-heading').textContent()).toBe(`Patient ${id}`);
		// The comparison above left the axis on weeks: the patient page has the same toggle.
		expect(params(page)).toContainEqual(['axis', 'week']);
		await page.getByLabel('session number').check();
		await expect.poll(async () => params(page).some(([k]) => k === 'axis')).toBe(false);
		const pain = figure(testid('episode-section').first(), 'Pain');
		await pain.locator('path.band').waitFor({ timeout: 60_000 });
		expect(
			await pain.locator('path.line').evaluateAll((ls) => ls.map((l) => l.dataset.series))
		).toEqual(['Similar episodes, median', 'This patient']);
		const [head, ...rows] = await chartTable(pain);
		expect(head).toEqual([
			'Series',
			'Session number within the episode of care',
			'Pain (points)',
			'Similar patients'
		]);
		expect(rows.some((r) => /^\d+\.\d–\d+\.\d \(\d+\.\d\)$/.test(r[2]!))).toBe(true);
		expect(rows.filter((r) => r[0] === 'This patient').map((r) => r[2])).toEqual(
			['6', '5', '4', '5', '5', '6', '5', '5', '5', '3', '5', '7'].map((v) => `${v}.0`)
		);
		expect(await testid('session-notes').locator('li').allTextContents()).toEqual([
			'Session 8, 2025-10-23: sore for a day after last session',
			'Session 10, 2025-11-11: stressful week at work, pain up'
		]);
	});

	it('says plainly when the address names no patient of this dataset, never running its text', async () => {
		await page.goto(
			new URL(`therapist/${encodeURIComponent('<img src=x onerror=alert(1)>')}`, baseUrl).href
		);
		await expect
			.poll(() => testid('patient-missing').textContent(), { timeout: 60_000 })
			.toBe('This dataset has no patient <img src=x onerror=alert(1)>.');
		expect(await page.locator('main img').count()).toBe(0);
	});

	it('made no request off the device and logged no error', () => {
		expect(offOrigin(watch, baseUrl)).toEqual([]);
		expect(watch.errors).toEqual([]);
	});
});
