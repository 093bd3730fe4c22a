import { csvParseRows } from 'd3-dsv';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, type PageWatch } from './support/browser';
import {
	chartTable,
	download,
	figure,
	openAnalysis,
	ready,
	type PanelId
} from './support/analysis';

// Every chart's table holds the numbers it draws; its CSV is that table; its SVG and PNG open.
const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
	browser = await launchBrowser();
	({ page, watch } = await openAnalysis(browser, baseUrl));
});
afterAll(() => browser?.close());

const CHARTS: [PanelId, RegExp][] = [
	['matrix-panel', /by condition and technique$/],
	['forest-panel', /by technique$/],
	['trend', /\(paired\), per technique$/],
	['distribution-panel', /how much each episode improved$/],
	['dose-panel', /by session length$/],
	['dose-panel', /by sessions attended$/]
];

async function chart(id: PanelId, title: RegExp): Promise<Locator> {
	return figure(await ready(page, id), title);
}

/** The accessible names of a chart's data marks (what its tooltips say), in drawing order. */
const marks = (frame: Locator) =>
	frame
		.locator('svg [tabindex="0"]')
		.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!));

const nText = (n: string, patients: string) =>
	`n = ${n} episode${n === '1' ? '' : 's'}, ${patients} patient${patients === '1' ? '' : 's'}`;
/** The unit in a column header such as "Mean improvement (points)". */
const unitOf = (header: string) => /\(([^)]+)\)$/.exec(header)![1]!;

describe('the table behind each chart', () => {
	it('matrix: every cell says the numbers in its row', async () => {
		const frame = await chart('matrix-panel', CHARTS[0]![1]);
		const [head, ...rows] = await chartTable(frame);
		expect(head).toEqual([
			'Condition',
			'Technique',
			'n (episodes)',
			'Patients',
			expect.any(String),
			'95 % CI'
		]);
		const unit = unitOf(head![4]!);
		const expected = rows.map(([condition, technique, n, patients, mean, ci]) =>
			mean === 'too few patients'
				? `${condition} × ${technique}: too few patients (${nText(n!, patients!)})`
				: `${condition} × ${technique}: mean improvement ${mean} ${unit} (95 % CI ${ci}), ${nText(n!, patients!)}`
		);
		expect((await marks(frame)).sort()).toEqual(expected.sort());
	});

	it('trend: a point per row with a mean, saying that row', async () => {
		const frame = await chart('trend', CHARTS[2]![1]);
		const [head, ...rows] = await chartTable(frame);
		expect(head).toEqual([
			'Panel',
			'Series',
			expect.any(String),
			'n (episodes)',
			'Patients',
			'Mean change',
			'95 % CI'
		]);
		const time = head![2]!.toLowerCase();
		const expected = rows
			.filter((r) => r[5] !== 'too few patients')
			.map(
				([facet, series, t, n, patients, mean, ci]) =>
					`${series}, ${facet}, ${time} ${t}: mean change ${mean} (95 % CI ${ci}), ${nText(n!, patients!)}`
			);
		expect(rows.length).toBeGreaterThan(expected.length); // some points are suppressed
		expect((await marks(frame)).sort()).toEqual(expected.sort());
	});

	it('distribution: a bar per row', async () => {
		const frame = await chart('distribution-panel', CHARTS[3]![1]);
		const [head, ...rows] = await chartTable(frame);
		expect(head).toEqual([
			expect.stringMatching(/^From/),
			expect.stringMatching(/^To/),
			'Episodes'
		]);
		const unit = unitOf(head![0]!);
		const expected = rows.map(
			([from, to, count]) =>
				`Improvement ${from} to ${to} ${unit}: ${count} episode${count === '1' ? '' : 's'}`
		);
		expect(await marks(frame)).toEqual(expected);
	});

	it.each([
		['forest', 'forest-panel', CHARTS[1]![1]],
		['dose by length', 'dose-panel', CHARTS[4]![1]],
		['dose by sessions', 'dose-panel', CHARTS[5]![1]]
	] as const)('%s: each estimate says its row', async (_name, id, title) => {
		const frame = await chart(id, title);
		const [head, ...rows] = await chartTable(frame);
		expect(head!.slice(1)).toEqual(['n (episodes)', 'Patients', expect.any(String), '95 % CI']);
		const unit = unitOf(head![3]!);
		const drawn = await marks(frame);
		expect(drawn.length).toBe(rows.length);
		for (const [key, n, patients, mean, ci] of rows) {
			const mark = drawn.find((m) => m.startsWith(`${key}: `));
			expect(mark, key).toBeDefined();
			expect(mark).toMatch(
				mean === 'too few patients'
					? `${key}: too few patients (${nText(n!, patients!)})`
					: new RegExp(
							`^${key}: .*mean improvement ${mean} ${unit} \\(95 % CI ${ci}\\), ${nText(n!, patients!)}$`
						)
			);
		}
	});
});

/** What a spreadsheet must see: a cell starting like a formula gets a leading apostrophe. */
const neutralised = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

describe('downloads', () => {
	it.each(CHARTS)('CSV of %s %s equals its table', async (id, title) => {
		const frame = await chart(id, title);
		const table = await chartTable(frame);
		const file = await download(page, frame, 'CSV');
		expect(file.name).toMatch(/^[a-z0-9-]+\.csv$/);
		const text = file.bytes.toString('utf8');
		expect(text.startsWith('\ufeff')).toBe(true); // for Excel
		expect(csvParseRows(text.slice(1).replace(/\r\n$/, ''))).toEqual(
			table.map((row) => row.map(neutralised))
		);
	});

	it.each(CHARTS)('SVG of %s %s opens as an image on its own', async (id, title) => {
		const frame = await chart(id, title);
		const file = await download(page, frame, 'SVG');
		expect(file.name).toMatch(/^[a-z0-9-]+\.svg$/);
		const heading = (await frame.locator('h3').textContent())!;
		const opened = await openImage(file.bytes, 'image/svg+xml');
		expect(opened.parseError).toBeNull();
		expect(opened.root).toBe('svg');
		expect(opened.width).toBeGreaterThan(100);
		expect(opened.naturalWidth).toBe(opened.width);
		// It is this chart: the same marks, named the same way.
		expect(opened.labels).toEqual(await marks(frame));
		expect(heading.length).toBeGreaterThan(0);
	});

	it.each(CHARTS)('PNG of %s %s is a PNG the browser decodes', async (id, title) => {
		const frame = await chart(id, title);
		const file = await download(page, frame, 'PNG');
		expect(file.name).toMatch(/^[a-z0-9-]+\.png$/);
		expect([...file.bytes.subarray(0, 8)]).toEqual([
			0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a
		]);
		const opened = await openImage(file.bytes, 'image/png');
		const svgWidth = await frame
			.locator('svg[role="group"]')
			.evaluate((s) => s.getBoundingClientRect().width);
		expect(opened.naturalWidth).toBe(2 * Math.ceil(svgWidth)); // drawn at twice the size
	});

	it('logged no errors', () => {
		expect(watch.errors).toEqual([]);
	});
});

/** Opens a downloaded file in a blank page: parsed (SVG) and decoded as an <img>. */
async function openImage(bytes: Buffer, type: string) {
	const blank = await browser.newPage();
	try {
		return await blank.evaluate(
			async ([data, mime]) => {
				const blob = new Blob([new Uint8Array(data)], { type: mime });
				let parseError: string | null = null;
				let root: string | null = null;
				let width = 0;
				let labels: string[] = [];
				if (mime === 'image/svg+xml') {
					const doc = new DOMParser().parseFromString(await blob.text(), mime);
					parseError = doc.querySelector('parsererror')?.textContent ?? null;
					root = doc.documentElement.localName;
					width = Number(doc.documentElement.getAttribute('width'));
					labels = [...doc.querySelectorAll('svg [tabindex="0"], svg [aria-label]')]
						.filter((e) => e !== doc.documentElement)
						.map((e) => e.getAttribute('aria-label')!);
				}
				const img = new Image();
				img.src = URL.createObjectURL(blob);
				await img.decode();
				return { parseError, root, width, labels, naturalWidth: img.naturalWidth };
			},
			[[...bytes], type] as const
		);
	} finally {
		await blank.close();
	}
}
