import { describe, expect, it } from 'vitest';
import Sparkline from './Sparkline.svelte';
import TrajectoryChart from './TrajectoryChart.svelte';
import { findAll, renderMarkup, textOf } from './ssr-markup';
import { seriesByEpisode, sparklineText, trajectoryDomains, type BandPoint } from './trajectory';

const band = (x: number, q25: number | null, q75: number | null, patients = 8): BandPoint => ({
	x,
	n: patients,
	patients,
	suppressed: q25 === null,
	q25,
	median: q25 === null ? null : (q25 + q75!) / 2,
	q75
});
const rows = [
	{ episode: 4, x: 1, value: 7 },
	{ episode: 4, x: 2, value: 5 },
	{ episode: 9, x: 1, value: 6 }
];

describe('trajectory helpers', () => {
	it('groups rows into one series per episode, in the order met', () => {
		expect(seriesByEpisode(rows, (e) => `episode ${e}`)).toEqual([
			{ name: 'episode 4', points: [rows[0], rows[1]] },
			{ name: 'episode 9', points: [rows[2]] }
		]);
	});

	it('takes its domains from what is drawn, padded, within the measure’s scale', () => {
		const series = seriesByEpisode(rows, String);
		expect(trajectoryDomains(series, [], [0, 10])).toEqual({ x: [1, 2], y: [4.5, 7.5] });
		expect(trajectoryDomains(series, [band(3, 2, 9.8)], [0, 10])).toEqual({
			x: [1, 3],
			y: [1.22, 10]
		});
		expect(trajectoryDomains([], [], [0, 10])).toEqual({ x: [1, 2], y: [0, 10] });
	});

	it('says a sparkline in words', () => {
		expect(sparklineText('Pain', [])).toBe('Pain: no score');
		expect(sparklineText('Pain', [{ x: 1, value: 6 }])).toBe('Pain: 6 (one score)');
		expect(sparklineText('Pain', rows.slice(0, 2))).toBe('Pain: 7 → 5 over 2 scores');
	});
});

describe('Sparkline', () => {
	it('draws the scores on the measure’s scale, the last one marked', () => {
		const markup = renderMarkup(Sparkline, {
			points: rows.slice(0, 2),
			domain: [0, 10],
			label: 'Pain',
			width: 72,
			height: 22
		});
		expect(findAll(markup, 'svg')[0]!.attrs['aria-label']).toBe('Pain: 7 → 5 over 2 scores');
		// x 1 → 2 over 2 … 69 px; y 0 … 10 over 20 … 2 px: 7 → 7.4, 5 → 11.
		expect(findAll(markup, 'path')[0]!.attrs.d).toBe('M2,7.4L69,11');
		const dot = findAll(markup, 'circle')[0]!.attrs;
		expect([dot.cx, dot.cy]).toEqual(['69', '11']);
	});
});

describe('TrajectoryChart', () => {
	const props = {
		title: 'Pain',
		series: seriesByEpisode(rows, (e) => `P-${e}`),
		band: [band(1, 5, 7), band(2, 4, 6), band(3, null, null, 2)],
		xLabel: 'Session',
		measureLabel: 'Pain',
		unit: 'points',
		scale: [0, 10] as [number, number],
		width: 640
	};

	it('draws a line and focusable points per series, and the band where it is known', () => {
		const markup = renderMarkup(TrajectoryChart, props);
		const lines = findAll(markup, 'path', (a) => a.class === 'line');
		expect(lines.map((l) => l.attrs['data-series'])).toEqual([
			'Similar episodes, median',
			'P-4',
			'P-9'
		]);
		const bands = findAll(markup, 'path', (a) => a.class === 'band');
		expect(bands).toHaveLength(1);
		// Two known band points: one segment, no third point (too few patients there).
		expect(bands[0]!.attrs.d!.match(/L/g)).toHaveLength(3);
		const points = findAll(markup, 'g', (a) => a.class === 'points');
		expect(points.map((p) => findAll(p.inner, 'title').map((t) => textOf(t.inner)))).toEqual([
			['P-4, session 1: 7.0 points', 'P-4, session 2: 5.0 points'],
			['P-9, session 1: 6.0 points']
		]);
	});

	it('says where the band has too few patients, in its note and its table', () => {
		const markup = renderMarkup(TrajectoryChart, { ...props, showTable: true });
		expect(textOf(markup)).toContain('Points where fewer similar patients were seen show no band');
		expect(textOf(markup)).toContain('too few patients');
		expect(textOf(markup)).toContain('5.0–7.0 (6.0)');
	});
});
