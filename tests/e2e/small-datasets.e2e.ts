import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openImportScreen, type PageWatch } from './support/browser';

// A tiny export of one clinic and one therapist (3 patients, 2 followed up): every view says
// what it cannot show, and none shows NaN, undefined or an empty axis as if it were a result.
const baseUrl = inject('baseUrl');
const TINY = `patient_id,clinic,therapist,condition,technique,session_date,pain
A,Solo,T. One,Neck pain,Swedish,2025-01-02,6
A,Solo,T. One,Neck pain,Swedish,2025-01-09,4
B,Solo,T. One,Neck pain,Swedish,2025-01-03,7
B,Solo,T. One,Neck pain,Swedish,2025-01-10,7
C,Solo,T. One,Neck pain,Swedish,2025-01-04,5
`;
let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
	browser = await launchBrowser();
	({ page, watch } = await openImportScreen(browser, baseUrl));
	await page.evaluate((csv) => {
		const transfer = new DataTransfer();
		transfer.items.add(new File([csv], 'tiny.csv', { type: 'text/csv' }));
		document
			.querySelector('[data-testid="drop-zone"]')!
			.dispatchEvent(
				new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true })
			);
	}, TINY);
	await page.click('[data-testid="run-import"]', { timeout: 60_000 });
	await page.waitForSelector('[data-testid="import-report"]', { timeout: 60_000 });
});
afterAll(() => browser?.close());

/** A view once nothing on it is busy, and its visible text. */
async function view(path: string): Promise<string> {
	await page.goto(new URL(path, baseUrl).href);
	await page.waitForFunction(
		() =>
			document
				.querySelector('[data-testid="dataset-summary"]')
				?.textContent?.includes('tiny.csv') &&
			[...document.querySelectorAll('[aria-busy]')].every(
				(e) => e.getAttribute('aria-busy') === 'false'
			) &&
			document.querySelectorAll('section.panel').length > 0,
		null,
		{ timeout: 60_000, polling: 250 }
	);
	const text = await page.locator('main').innerText();
	expect(text).not.toMatch(/\bNaN\b|\bundefined\b|Infinity|\bnull\b/);
	return text;
}

describe('a tiny, single-clinic dataset', () => {
	it('what works: every cell too few, no colour key for colours that are not there', async () => {
		const text = await view('');
		expect(text).toContain('too few');
		expect(await page.locator('[data-testid="matrix-panel"] .color-key').count()).toBe(0);
		expect(text).toContain('Neck pain: too few patients per technique to say what works.');
	});

	it('director: says there is one clinic, and too few patients to compare', async () => {
		const text = await view('director');
		expect(await page.locator('[data-testid="providers-single"]').textContent()).toContain(
			'This dataset has one clinic'
		);
		expect(await page.locator('[data-testid="providers-too-few"]').textContent()).toContain(
			'Solo, 2 patients'
		);
		expect(await page.locator('[data-testid="providers-panel"] figure').count()).toBe(0);
		expect(text).toContain('too few patients');
	});

	it('therapist: lists the three patients, none flagged', async () => {
		await view('therapist?v=1&therapist=T.+One');
		expect(await page.locator('[data-testid="patient-table"] tbody tr').count()).toBe(3);
		expect(await page.locator('[data-testid="flag-overdue"] .count').textContent()).toBe('0');
	});

	it('report: says the trend has too few patients at every point', async () => {
		await view('report');
		expect(await page.locator('[data-testid="trend-too-few"]').textContent()).toContain(
			'Too few patients at every point'
		);
		expect(await page.locator('[data-testid="report-span"]').textContent()).toContain(
			'5 sessions of 3 patients in 3 episodes of care, from 2025-01-02 to 2025-01-10'
		);
	});

	it('logged no error', () => {
		expect(watch.errors).toEqual([]);
	});
});
