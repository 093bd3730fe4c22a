import type { TrendPanelData, TrendPanelPoint } from '../../charts/trend-panels';

export interface TrendRow extends TrendPanelPoint {
	facet: string | null;
	series: string;
}

/**
 * trendQuery's rows (one per drawn point, sorted by facet, series, time) regrouped into the
 * small multiples' panels and series. Presentation only: every number comes from the engine.
 */
export function trendPanels(rows: readonly TrendRow[]): TrendPanelData[] {
	const panels = new Map<string, Map<string, TrendPanelPoint[]>>();
	for (const { facet, series, ...point } of rows) {
		const panel = panels.get(facet ?? '') ?? new Map<string, TrendPanelPoint[]>();
		panels.set(facet ?? '', panel);
		panel.set(series, [...(panel.get(series) ?? []), point]);
	}
	return [...panels].map(([title, series]) => ({
		title,
		series: [...series].map(([name, points]) => ({ name, points }))
	}));
}
