import { describe, expect, it } from 'vitest';
import CaseMixChart from './CaseMixChart.svelte';
import { mixGrid, type CaseMixRow } from './case-mix';
import { findAll, renderMarkup, textOf } from './ssr-markup';

const row = (
	provider: string | null,
	level: string | null,
	episodes: number | null,
	n: number
) => ({
	provider,
	level,
	n,
	patients: n,
	suppressed: episodes === null,
	episodes,
	share: episodes === null ? null : episodes / n,
	level_n: 0,
	overall_share: 0
});
// Two levels over 14 episodes: 9 low back pain, 5 neck pain; North 8 + 2, South 1 + 3, Tiny too small.
const levels = { 'Low back pain': 9, 'Neck pain': 5 } as Record<string, number>;
const rows: CaseMixRow[] = [
	row('North', 'Low back pain', 8, 10),
	row('North', 'Neck pain', 2, 10),
	row('South', 'Low back pain', 1, 4),
	row('South', 'Neck pain', 3, 4),
	row('Tiny', 'Low back pain', null, 2),
	row('Tiny', 'Neck pain', null, 2)
].map((r) => ({ ...r, level_n: levels[r.level!]!, overall_share: levels[r.level!]! / 14 }));
const name = (p: string | null) => p ?? '(not recorded)';

describe('mixGrid', () => {
	it('puts the whole filter first, then the providers in the order given, then the rest', () => {
		const grid = mixGrid(rows, ['South', 'North'], name);
		expect(grid.rows.map((r) => r.label)).toEqual(['All in the filter', 'South', 'North', 'Tiny']);
		expect(grid.columns.map((c) => c.label)).toEqual(['Low back pain', 'Neck pain']);
	});

	it('gives the whole filter’s row its shares and counts, each provider its own', () => {
		const grid = mixGrid(rows, [], name);
		const all = grid.cells.filter((c) => c.row === 'all');
		expect(all.map((c) => [c.share, c.episodes, c.of])).toEqual([
			[9 / 14, 9, 14],
			[5 / 14, 5, 14]
		]);
		const south = grid.cells.filter((c) => c.row === grid.rows[2]!.key);
		expect(south.map((c) => c.tooltip)).toEqual([
			'South: Low back pain 25 % (1 of 4 episodes; 64 % in the whole filter)',
			'South: Neck pain 75 % (3 of 4 episodes; 36 % in the whole filter)'
		]);
	});

	it('keys rows by position, so a provider named like the whole filter is its own row', () => {
		const twin = rows.map((r) => ({
			...r,
			provider: r.provider === 'North' ? 'All in the filter' : r.provider
		}));
		const grid = mixGrid(twin, [], name);
		expect(new Set(grid.rows.map((r) => r.key)).size).toBe(grid.rows.length);
	});
});

describe('CaseMixChart', () => {
	const props = {
		rows,
		order: ['North', 'South'],
		providerLabel: 'Clinic',
		factorLabel: 'condition',
		width: 640
	};

	it('draws a cell per row and level with its share, and words for a small caseload', () => {
		const cells = findAll(renderMarkup(CaseMixChart, props), 'g', (a) => a.class === 'cell');
		expect(cells).toHaveLength(8);
		const texts = cells.map((c) => textOf(findAll(c.inner, 'text')[0]!.inner));
		expect(texts).toEqual(['64 %', '36 %', '80 %', '20 %', '25 %', '75 %', 'too few', 'too few']);
	});

	it('shows a hostile provider name as text', () => {
		const hostile = rows.map((r) => ({
			...r,
			provider: r.provider === 'Tiny' ? '<b>Tiny</b>' : r.provider
		}));
		const markup = renderMarkup(CaseMixChart, { ...props, rows: hostile });
		expect(markup).not.toContain('<b>Tiny</b>');
		expect(markup).toContain('&lt;b>Tiny&lt;/b>');
	});
});
