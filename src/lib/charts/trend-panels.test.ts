import { describe, expect, it } from 'vitest';
import {
	bandSeries,
	dodgeLabels,
	drawnSeries,
	panelGrid,
	sharedXDomain,
	sharedYDomain,
	type TrendPanelData,
	type TrendPanelPoint
} from './trend-panels';

const point = (
	time: number,
	mean: number | null,
	n = 10,
	lo = mean,
	hi = mean
): TrendPanelPoint => ({
	time,
	n,
	patients: n,
	suppressed: mean === null,
	mean,
	lo: lo === null ? null : lo - 1,
	hi: hi === null ? null : hi + 1
});
const panels: TrendPanelData[] = [
	{
		title: 'Back',
		series: [
			{ name: 'Swedish', points: [point(1, 0), point(2, 2, 40)] },
			{ name: 'Cupping', points: [point(1, 0, 50), point(2, 3, 50)] },
			{ name: 'Reiki', points: [point(1, null, 2)] }
		]
	},
	{ title: 'Neck', series: [{ name: 'Swedish', points: [point(1, 0), point(3, 5)] }] }
];

describe('trend panels', () => {
	it('band only the highlighted series, or the largest when none is highlighted', () => {
		expect(bandSeries(panels[0]!, null)).toBe('Cupping');
		expect(bandSeries(panels[0]!, 'Swedish')).toBe('Swedish');
		// A series the panel does not draw (only suppressed points) cannot take the band.
		expect(bandSeries(panels[0]!, 'Reiki')).toBe('Cupping');
		expect(bandSeries({ title: '', series: [] }, null)).toBeNull();
	});

	it('share a y domain taken from the data, with the band’s interval and zero when paired', () => {
		// Means 0…5; bands: Cupping in Back (−1…4), Swedish in Neck (−1…6).
		expect(sharedYDomain(panels, null, 'paired')).toEqual([-1, 6]);
		const raw: TrendPanelData[] = [
			{ title: '', series: [{ name: 'a', points: [point(1, 6, 5, null, null)] }] }
		];
		expect(sharedYDomain(raw, null, 'raw')).toEqual([5, 7]);
		expect(sharedYDomain(raw, null, 'paired')).toEqual([0, 6]);
	});

	it('share an x domain over every time point', () => {
		expect(sharedXDomain(panels)).toEqual([1, 3]);
	});

	it('list only series with something drawn', () => {
		expect(drawnSeries(panels)).toEqual(['Swedish', 'Cupping']);
	});

	it('wrap panels into columns at least 300 px wide', () => {
		expect(panelGrid(4, 1000)).toEqual({ columns: 3, rows: 2, panelWidth: 1000 / 3 });
		expect(panelGrid(1, 1000)).toEqual({ columns: 1, rows: 1, panelWidth: 1000 });
		expect(panelGrid(3, 200).columns).toBe(1);
	});
});

describe('dodgeLabels', () => {
	it('leaves labels apart where they are', () => {
		expect(
			dodgeLabels([
				{ x: 100, y: 10 },
				{ x: 100, y: 40 },
				{ x: 10, y: 12 }
			])
		).toEqual([0, 0, 0]);
	});

	it('pushes crowded labels down below the one above them, the upper one first', () => {
		// 15 stays; the two at 20 go to 26 and 37, each a full gap below the previous.
		expect(
			dodgeLabels([
				{ x: 100, y: 20 },
				{ x: 100, y: 20 },
				{ x: 110, y: 15 }
			])
		).toEqual([6, 17, 0]);
	});

	it('moves labels off fixed text, which stays', () => {
		expect(dodgeLabels([{ x: 200, y: 50 }], [{ x: 210, y: 46 }])).toEqual([7]);
	});

	it('clears every label placed, not only the last one', () => {
		const shift = dodgeLabels([
			{ x: 0, y: 0 },
			{ x: 0, y: 11 },
			{ x: 0, y: 5 }
		]);
		const ys = [0, 11, 5].map((y, i) => y + shift[i]!).sort((a, b) => a - b);
		for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(11);
	});
});
