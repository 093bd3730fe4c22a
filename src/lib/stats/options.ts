import type { SqlFilter } from '../selection/clause';

/** Which rows a statistic describes: one measure, and the selection's filter. */
export interface MeasureScope {
	/** A key of the dataset's `measures` table. */
	measure: string;
	filter: SqlFilter;
}

/** What every statistics builder takes (contracts/analysis.md, Statistics builders). */
export interface StatsOptions extends MeasureScope {
	/** A cell describing fewer distinct patients is suppressed (default MIN_CELL_PATIENTS). */
	minPatients?: number;
	/** Responder threshold in the measure's units; overrides the registry's MCID. */
	threshold?: number | null;
	/** Target-state value, read in the measure's direction; else the stored default target. */
	target?: number | null;
}
