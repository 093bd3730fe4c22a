import { describe, expect, it } from 'vitest';
import { trendPanels, type TrendRow } from './trend-rows';

const point = (
	facet: string | null,
	series: string,
	time: number,
	mean: number | null
): TrendRow => ({
	facet,
	series,
	time,
	n: 9,
	patients: 8,
	suppressed: mean === null,
	mean,
	lo: mean === null ? null : mean - 1,
	hi: mean === null ? null : mean + 1
});

describe('trendPanels', () => {
	it('keeps the engine order: a panel per facet, a series per name, points in time order', () => {
		const panels = trendPanels([
			point('Neck pain', 'Swedish', 1, 0),
			point('Neck pain', 'Swedish', 2, 1.5),
			point('Neck pain', 'Deep tissue', 1, 0),
			point('Sciatica', 'Swedish', 1, null)
		]);
		expect(panels.map((p) => [p.title, p.series.map((s) => [s.name, s.points.length])])).toEqual([
			[
				'Neck pain',
				[
					['Swedish', 2],
					['Deep tissue', 1]
				]
			],
			['Sciatica', [['Swedish', 1]]]
		]);
		expect(panels[0]!.series[0]!.points[1]).toEqual({
			time: 2,
			n: 9,
			patients: 8,
			suppressed: false,
			mean: 1.5,
			lo: 0.5,
			hi: 2.5
		});
	});

	it('makes one untitled panel when there is no facet', () => {
		expect(trendPanels([point(null, 'Swedish', 1, 0)]).map((p) => p.title)).toEqual(['']);
	});
});
