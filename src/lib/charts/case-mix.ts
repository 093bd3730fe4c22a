import { scaleSequential } from 'd3-scale';
import { interpolateBlues } from 'd3-scale-chromatic';
import { formatPercent } from './format';

/** One provider × level row of caseMixSharesQuery (stats/case-mix-shares.ts). */
export interface CaseMixRow {
	provider: string | null;
	level: string | null;
	/** The provider's episodes within the filter, and the distinct patients behind them. */
	n: number;
	patients: number;
	/** Too few patients: episodes and share are null. */
	suppressed: boolean;
	/** The provider's episodes at this level, and their share of its n. */
	episodes: number | null;
	share: number | null;
	/** Episodes at this level in the whole filter, and their share of it. */
	level_n: number;
	overall_share: number;
}

export const levelName = (level: string | null) => level ?? '(not recorded)';

/** A grid cell: row and column keys (never a data value, which could repeat a label). */
export interface MixCell {
	row: string;
	column: string;
	share: number | null;
	episodes: number | null;
	of: number;
	tooltip: string;
}

export interface MixGrid {
	/** First "All in the filter", then the providers in the order given (the funnel's). */
	rows: { key: string; label: string }[];
	/** Levels most common first, as the SQL orders them. */
	columns: { key: string; label: string }[];
	cells: MixCell[];
}

const ALL = 'all';

/**
 * The case-mix rows as a grid to draw: the whole filter's shares as its first row, so each
 * provider reads against it; providers in `order` (names as providerComparisonQuery gives them),
 * any it does not list after, in the rows' order.
 */
export function mixGrid(
	rows: readonly CaseMixRow[],
	order: readonly (string | null)[],
	providerLabel: (provider: string | null) => string
): MixGrid {
	const levels = [...new Map(rows.map((r) => [r.level, r])).values()];
	const columns = levels.map((r, i) => ({ key: `l${i}`, label: levelName(r.level) }));
	const columnOf = new Map(levels.map((r, i) => [r.level, `l${i}`]));
	const providers = [...new Set(rows.map((r) => r.provider))];
	const ordered = [
		...order.filter((p) => providers.includes(p)),
		...providers.filter((p) => !order.includes(p))
	];
	const rowOf = new Map(ordered.map((p, i) => [p, `p${i}`]));
	const total = levels.reduce((sum, r) => sum + r.level_n, 0);
	const cells: MixCell[] = [
		...levels.map((r) => ({
			row: ALL,
			column: columnOf.get(r.level)!,
			share: r.overall_share,
			episodes: r.level_n,
			of: total,
			tooltip: `All in the filter: ${levelName(r.level)} ${formatPercent(r.overall_share)} (${r.level_n} of ${total} episodes)`
		})),
		...rows.map((r) => ({
			row: rowOf.get(r.provider)!,
			column: columnOf.get(r.level)!,
			share: r.share,
			episodes: r.episodes,
			of: r.n,
			tooltip: r.suppressed
				? `${providerLabel(r.provider)}: too few patients (${r.patients}) to show a case mix`
				: `${providerLabel(r.provider)}: ${levelName(r.level)} ${formatPercent(r.share)} (${r.episodes} of ${r.n} episodes; ${formatPercent(r.overall_share)} in the whole filter)`
		}))
	];
	return {
		rows: [
			{ key: ALL, label: 'All in the filter' },
			...ordered.map((p) => ({ key: rowOf.get(p)!, label: providerLabel(p) }))
		],
		columns,
		cells
	};
}

/** Sequential blues from no episodes to the largest share drawn, so columns compare by eye. */
export function shareColor(cells: readonly MixCell[]): (share: number) => string {
	const top = Math.max(0.05, ...cells.map((c) => c.share ?? 0));
	const scale = scaleSequential(interpolateBlues).domain([0, top]);
	return (share) => scale(share);
}
