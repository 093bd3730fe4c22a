import { parquetReadObjects } from 'hyparquet';
import { readFile } from 'node:fs/promises';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	expectedFacts,
	expectReportedCounts,
	readExtract
} from '../../src/lib/deid/deid-check.test-support';
import type { DeidReport } from '../../src/lib/deid/report';
import { launchBrowser, offOrigin, openWatched, type PageWatch } from './support/browser';

// The researcher's de-identified export on the bundled sample, made in the page and read back
// from the files the browser downloaded: what the "done" asks of its contents.
const baseUrl = inject('baseUrl');
const MEASURES = ['pain', 'flexibility', 'sleep', 'stress'];
let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
	browser = await launchBrowser();
	({ page, watch } = await openWatched(browser, new URL('research', baseUrl).href));
	await page.waitForSelector('[data-testid="deid-run"]:not([disabled])', { timeout: 60_000 });
});
afterAll(() => browser?.close());

async function saved(click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
	const [file]: [Download, void] = await Promise.all([page.waitForEvent('download'), click()]);
	return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}
const run = () => saved(() => page.getByTestId('deid-run').click());
const fileOf = (name: string) => saved(() => page.getByTestId(`deid-download-${name}`).click());
const text = (bytes: Buffer) => new TextDecoder().decode(bytes);

describe('the de-identified export in the browser', () => {
	it('downloads a CSV extract with no identifier, no date, no note, every combination ≥ k patients', async () => {
		const extract = await run();
		expect(extract.name).toBe('deid-extract.csv');
		const report = JSON.parse(text((await fileOf('deid-report.json')).bytes)) as DeidReport;
		const facts = expectedFacts(text(extract.bytes), report, MEASURES);
		expect(facts.unknownColumns).toEqual([]);
		for (const gone of ['patient_id', 'session_date', 'notes', 'source_row'])
			expect(facts.file.columns).not.toContain(gone);
		expect(facts.dateLikeCells).toEqual([]);
		expect(text(extract.bytes)).not.toContain('missed last week');
		expect(facts.file.rows.filter((r) => /^P\d{6}$/.test(r.patient ?? ''))).toEqual([]);
		expect(facts.smallestClass).toBeGreaterThanOrEqual(5);
		expectReportedCounts(facts, report);
		for (const g of report.generalised.filter((g) => g.step.endsWith('replaced by *')))
			expect(facts.file.values(g.field)).toEqual(new Set(['*']));
		// The page says what the report says.
		await expect
			.poll(() => page.getByTestId('deid-k-reached').textContent())
			.toContain(`at least ${report.kReached} patients`);
		expect(await page.getByTestId('deid-summary').textContent()).toContain(
			`${report.output.rows} rows exported`
		);
		const dictionary = readExtract(text((await fileOf('deid-dictionary.csv')).bytes), []);
		expect(dictionary.rows.map((r) => r.column)).toEqual(facts.file.columns);
	});

	it('writes Parquet with the aggregate table, whose cells never describe 1–10 patients', async () => {
		await page.getByLabel('Parquet').check();
		await page.getByTestId('deid-aggregate').check();
		await page.getByTestId('deid-k').fill('3');
		const extract = await run();
		expect(extract.name).toBe('deid-extract.parquet');
		const rows = await parquetReadObjects({ file: new Uint8Array(extract.bytes).buffer });
		const report = JSON.parse(text((await fileOf('deid-report.json')).bytes)) as DeidReport;
		expect(report.k).toBe(3);
		expect(rows.length).toBe(report.output.rows);
		const classes = new Map<string, Set<unknown>>();
		for (const r of rows) {
			const key = JSON.stringify(report.quasiIdentifiers.map((q) => r[q]));
			classes.set(key, (classes.get(key) ?? new Set()).add(r.patient));
		}
		expect(Math.min(...[...classes.values()].map((s) => s.size))).toBe(report.kReached);
		const aggregate = await parquetReadObjects({
			file: new Uint8Array((await fileOf('deid-aggregate.parquet')).bytes).buffer
		});
		expect(aggregate.length).toBe(report.aggregate!.cells);
		for (const cell of aggregate) {
			if (cell.patients === null) expect(cell.note).toBe('fewer than 11 patients');
			else expect(cell.patients).toBeGreaterThanOrEqual(11);
		}
	});

	it('warns before and after exporting notes, which only then are in the file', async () => {
		await page.getByLabel('CSV').check();
		await page.getByTestId('deid-notes').check();
		await expect.poll(() => page.getByTestId('deid-panel').getByRole('alert').count()).toBe(1);
		const extract = await run();
		expect(readExtract(text(extract.bytes), []).columns).toContain('notes');
		await expect
			.poll(() => page.getByTestId('deid-report').getByRole('alert').textContent())
			.toMatch(/may hold names, dates/);
	});

	it('suppresses up to the share allowed instead of generalising further', async () => {
		await page.getByTestId('deid-notes').uncheck();
		await page.getByTestId('deid-k').fill('5');
		await page.getByTestId('deid-max-suppressed').fill('12');
		const extract = await run();
		const report = JSON.parse(text((await fileOf('deid-report.json')).bytes)) as DeidReport;
		expect(report.maxSuppressedShare).toBe(0.12);
		expect(report.suppressed.episodes).toBeGreaterThan(0);
		expect(report.suppressed.episodes).toBeLessThanOrEqual(0.12 * report.input.episodes);
		const facts = expectedFacts(text(extract.bytes), report, MEASURES);
		expect(facts.smallestClass).toBeGreaterThanOrEqual(5);
		expect(facts.counts.rows).toBe(report.input.sessions - report.suppressed.rows);
		expect(await page.getByTestId('deid-suppressed').textContent()).toContain(
			`${report.suppressed.rows} rows: ${report.suppressed.episodes} episodes`
		);
	});

	it('made every file on the device: no request left the app', () => {
		expect(offOrigin(watch, baseUrl)).toEqual([]);
		expect(watch.errors).toEqual([]);
	});
});
