import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newPage } from './support/browser';

// axe-core on every page with the bundled sample loaded: no serious or critical violation
// (WCAG 2.1 A and AA rules), and every control reachable by keyboard shows a focus ring.
const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;

/** A page once every panel on it has its answer (nothing busy) and the sample is loaded. */
async function open(path: string, ready: string) {
	await page.goto(new URL(path, baseUrl).href);
	await page.waitForSelector('[data-testid="dataset-summary"]', { timeout: 120_000 });
	await page.waitForSelector(ready, { timeout: 60_000 });
	await page.waitForFunction(
		() =>
			[...document.querySelectorAll('[aria-busy]')].every(
				(e) => e.getAttribute('aria-busy') === 'false'
			),
		null,
		{ timeout: 60_000, polling: 250 }
	);
}

const PAGES: [string, string][] = [
	['', '[data-testid="matrix-panel"] figure svg'],
	['director', '[data-testid="providers-panel"] figure svg'],
	['therapist', '[data-testid="choose-therapist"]'],
	['therapist?v=1&therapist=A.+Novak&compare=30', '[data-testid="compare-panel"] figure svg'],
	['therapist/P000030', '[data-testid="episode-section"] figure svg'],
	['report', '[data-testid="trend"] figure svg'],
	['research', '[data-testid="schema-list"] button'],
	['import', '[data-testid="file-input"]'],
	['datasets', '[data-testid="dataset-summary"]']
];

beforeAll(async () => {
	browser = await launchBrowser();
	// axe needs a context of its own (not the browser's default one).
	page = await newPage(await browser.newContext());
	await page.setViewportSize({ width: 1200, height: 900 });
});
afterAll(() => browser?.close());

describe('accessibility', () => {
	it.each(PAGES)(
		'/%s: no serious or critical axe violation; a focus ring on every control',
		async (path, ready) => {
			await open(path, ready);
			const { violations } = await new AxeBuilder({ page })
				.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
				.analyze();
			const serious = violations
				.filter((v) => v.impact === 'serious' || v.impact === 'critical')
				.map(
					(v) =>
						`${v.id}: ${v.help} — ${v.nodes
							.slice(0, 3)
							.map((n) => n.target.join(' '))
							.join(' | ')}`
				);
			expect(serious).toEqual([]);
			const missing: string[] = [];
			for (let i = 0; i < 40; i++) {
				await page.keyboard.press('Tab');
				const found = await page.evaluate(() => {
					const el = document.activeElement as HTMLElement | null;
					if (!el || el === document.body) return null;
					// A visually hidden input (the file picker's) shows its focus on its label.
					const box = el.getBoundingClientRect();
					const hidden = getComputedStyle(el).opacity === '0' || box.width <= 1;
					const style = getComputedStyle(hidden ? (el.closest('label') ?? el) : el);
					const ring =
						(style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
						style.boxShadow !== 'none';
					return ring
						? ''
						: `${el.tagName.toLowerCase()}[${el.getAttribute('type') ?? ''}] ${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? ''} (${style.outlineStyle} ${style.outlineWidth})`;
				});
				if (found === null) break;
				if (found) missing.push(found);
			}
			expect(missing).toEqual([]);
		}
	);
});
