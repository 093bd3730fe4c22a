// What the page's main thread did while something ran: every animation frame's time, and when the
// app showed which status. A frozen page shows as a long gap between frames.
import type { Page } from 'playwright-core';

export interface FrameGaps {
	max: number;
	p99: number;
	frames: number;
}

/**
 * Installed in every document before the app's own scripts, so a reload is watched from its first
 * frame. Marks: first time the engine status said it was opening a saved dataset, first time the
 * dataset summary was shown. Passed as text: tsx would wrap a function in helpers the page lacks.
 */
const RECORDER = `(() => {
	window.frames_ = [];
	window.marks_ = {};
	window.progress_ = [];
	const tick = (t) => { window.frames_.push(t); requestAnimationFrame(tick); };
	requestAnimationFrame(tick);
	const mark = (name) => { window.marks_[name] ??= performance.now(); };
	new MutationObserver(() => {
		const status = document.querySelector('[data-testid="engine-status"]')?.textContent ?? '';
		if (status.includes('Opening')) mark('opening');
		if (document.querySelector('[data-testid="dataset-summary"]')) mark('shown');
		const text = document.querySelector('[data-testid="read-progress"] .numbers')?.textContent;
		if (text && text !== window.progress_.at(-1)) window.progress_.push(text);
	}).observe(document, { subtree: true, childList: true, characterData: true });
})()`;

export const watchFrames = (page: Page) => page.addInitScript(RECORDER);

/** The page's clock (ms since its navigation started), for marking a window to measure. */
export const pageNow = (page: Page) => page.evaluate('performance.now()') as Promise<number>;

export const pageMarks = (page: Page) =>
	page.evaluate('window.marks_') as Promise<{ opening?: number; shown?: number }>;

export const progressShown = (page: Page) => page.evaluate('window.progress_') as Promise<string[]>;

/**
 * Gaps between consecutive frames from `from` to `to` on the page's clock, and the first frame
 * after `to`: a stall that ends the window shows in that frame.
 */
export async function frameGaps(page: Page, from: number, to: number): Promise<FrameGaps> {
	const frames = (await page.evaluate('window.frames_')) as number[];
	const first = frames.findIndex((t) => t >= from);
	const after = frames.findIndex((t) => t > to);
	const last = after < 0 ? frames.length - 1 : after;
	const gaps: number[] = [];
	for (let i = Math.max(first, 1); first >= 0 && i <= last; i++)
		gaps.push(frames[i]! - frames[i - 1]!);
	gaps.sort((a, b) => a - b);
	return {
		max: gaps.at(-1) ?? NaN,
		p99: gaps[Math.floor(gaps.length * 0.99)] ?? NaN,
		frames: gaps.length
	};
}
