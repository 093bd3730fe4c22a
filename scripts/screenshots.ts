// npm run screenshots: the pages as a user sees them, written to docs/screenshots/ so a change to
// what is shown can be looked at and judged: the analysis page on the bundled sample whole and
// each of its charts, the director's and the therapist's views, the report, the research console and the
// de-identified export, then the import and datasets pages. Needs a build (the script makes one).
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { preview } from 'vite';
import { PANELS, ready, type PanelId } from '../tests/e2e/support/analysis';
import { launchBrowser, newPage } from '../tests/e2e/support/browser';

const OUT = 'docs/screenshots';
const server = await preview({ preview: { host: '127.0.0.1', port: 0, open: false } });
const baseUrl = server.resolvedUrls!.local[0]!;
const browser = await launchBrowser();

async function shot(page: Page, name: string) {
	await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });
	console.log(`${OUT}/${name}.png`);
}

async function drop(page: Page, name: string, bytes: Buffer) {
	await page.setInputFiles('[data-testid="file-input"]', {
		name,
		mimeType: 'text/csv',
		buffer: bytes
	});
}

/** Every panel of the analysis page, scrolled to so it asks for its numbers, then pictured. */
async function panels(page: Page, shots: [PanelId, string][]) {
	for (const [id, name] of shots) {
		const section = await ready(page, id);
		await page.mouse.move(0, 0); // no tooltip over the picture
		await section.screenshot({ path: `${OUT}/${name}.png` });
		console.log(`${OUT}/${name}.png`);
	}
}

/** Waits until the section has its answers (not busy) and the sparklines have drawn. */
async function settle(page: Page, testid: string) {
	await page.waitForFunction(
		(id) =>
			[...document.querySelectorAll(`[data-testid="${id}"]`)].every(
				(s) => s.getAttribute('aria-busy') === 'false'
			),
		testid,
		{ timeout: 60_000 }
	);
	await page.mouse.move(0, 0);
}

/** The research console with its example query answered and a table's columns open. */
async function researchConsole(page: Page) {
	await page.goto(new URL('research', baseUrl).href);
	const schema = page.getByTestId('schema-list');
	await schema.getByRole('button', { name: 'sessions', exact: true }).waitFor({ timeout: 120_000 });
	await page.getByTestId('run-query').click();
	await page.getByTestId('result-table').waitFor({ timeout: 60_000 });
	await schema.locator('details').first().locator('summary').click();
	await page.evaluate(() => window.scrollTo(0, 0));
	await shot(page, 'research');
}

try {
	const page = await newPage(browser);
	await page.setViewportSize({ width: 1200, height: 900 });
	await page.goto(baseUrl);
	// The landing view whole: each panel drawn first (panels off screen ask for nothing).
	for (const id of PANELS) await ready(page, id);
	await page.evaluate(() => window.scrollTo(0, 0));
	await shot(page, 'analysis');
	await panels(page, [
		['matrix-panel', 'matrix'],
		['forest-panel', 'forest'],
		['trend', 'trends-paired'],
		['distribution-panel', 'distribution'],
		['dose-panel', 'dose']
	]);
	await page.goto(new URL('?v=1&trend=raw', baseUrl).href);
	await ready(page, 'matrix-panel');
	await panels(page, [['trend', 'trends-raw']]);

	await page.goto(new URL('director', baseUrl).href);
	await ready(page, 'providers-panel');
	await settle(page, 'case-mix');
	await page.evaluate(() => window.scrollTo(0, 0));
	await shot(page, 'director');
	await page.goto(new URL('director?v=1&providers=therapist&mix=technique', baseUrl).href);
	await ready(page, 'providers-panel');
	await settle(page, 'case-mix');
	await panels(page, [['providers-panel', 'director-therapists']]);

	await page.goto(new URL('therapist?v=1&therapist=A.+Novak&compare=30&compare=10', baseUrl).href);
	await page.waitForSelector('[data-testid="compare-panel"] figure svg[role="group"]', {
		timeout: 120_000
	});
	await settle(page, 'patients-panel');
	await shot(page, 'therapist');
	await page.goto(new URL('therapist/P000030?v=1&therapist=A.+Novak', baseUrl).href);
	await page.waitForSelector('[data-testid="episode-section"] path.band', { timeout: 120_000 });
	await settle(page, 'episode-section');
	await shot(page, 'therapist-patient');
	await page.goto(new URL('report', baseUrl).href);
	await page.waitForSelector('[data-testid="trend"] figure svg[role="group"]', {
		timeout: 120_000
	});
	await settle(page, 'trend');
	await shot(page, 'report');
	await researchConsole(page);
	await page.click('[data-testid="deid-run"]:not([disabled])', { timeout: 120_000 });
	await page.waitForSelector('[data-testid="deid-report"]', { timeout: 60_000 });
	await shot(page, 'research-deid');

	await page.goto(new URL('import', baseUrl).href);
	await page.waitForSelector('[data-testid="dataset-summary"]', { timeout: 120_000 });
	await drop(page, 'unmapped.csv', Buffer.from('a,b,c\n1,2,3\n'));
	await page.waitForSelector('[data-testid="mapping-editor"]', { timeout: 60_000 });
	await shot(page, 'import-required-fields');

	await page.goto(new URL('import', baseUrl).href);
	await drop(
		page,
		'one-line.csv',
		Buffer.from(Array.from({ length: 50_000 }, (_, i) => `x${i}`).join(','))
	);
	await page.waitForSelector('[data-testid="import-error"], [data-testid="mapping-editor"]', {
		timeout: 120_000
	});
	await shot(page, 'import-error');

	await page.goto(new URL('import', baseUrl).href);
	await drop(
		page,
		'messy-semicolon.csv',
		readFileSync('tests/fixtures/import/messy-semicolon.csv')
	);
	await page.waitForSelector('[data-testid="mapping-editor"]', { timeout: 60_000 });
	await page.click('[data-testid="run-import"]');
	await page.waitForSelector('[data-testid="import-report"]', { timeout: 60_000 });
	await shot(page, 'import-report');

	await page.goto(new URL('datasets', baseUrl).href);
	await page.waitForSelector('[data-testid="dataset-row"]', { timeout: 60_000 });
	await shot(page, 'datasets');
} finally {
	await browser.close();
	await server.close();
}
