import type { QuerySpec } from '../engine/engine';
import type { SqlFilter } from '../selection/clause';
import { join, NO_FILTER, spec, sql, where } from './sql';
import { includedEpisodes, patients } from './stats-sql';

export interface ChipCountsOptions {
	measure: string;
	/**
	 * Each chip's own filter, in the chips' order (ticking a second clinic widens the clinic
	 * chip's). Chip i keeps the rows that chips 1…i all keep, as the page's filters AND together.
	 */
	chips: readonly SqlFilter[];
}

/**
 * Included episodes of the measure (n_i) and their distinct patients (patients_i) left by chips
 * 1…i, in one row and one scan; n_0 and patients_0 count them before any chip. Each chip's filter
 * is evaluated once per row, as a flag (`own_i`) the cumulative flags (`chip_i`) AND together:
 * handing every count its whole cumulative filter evaluated chip 1's i times (1M sessions, Node
 * duckdb-wasm, 9 chips: 76 → 42 ms; 7 chips: 57 → 32 ms).
 */
export function chipCountsQuery({ measure, chips }: ChipCountsOptions): QuerySpec {
	const own = (i: number) => `own_${String(i + 1)}`;
	const chip = (i: number) => `chip_${String(i + 1)}`;
	const flags = chips.map((filter, i) => sql`, coalesce(${where(filter)}, false) AS ${own(i)}`);
	const cumulative = chips.map(
		(_, i) => `, ${Array.from({ length: i + 1 }, (_, j) => own(j)).join(' AND ')} AS ${chip(i)}`
	);
	const counts = chips.map(
		(_, i) => sql`,
			(count(*) FILTER (WHERE ${chip(i)}))::INTEGER AS n_${String(i + 1)},
			${patients(sql`${chip(i)}`)} AS patients_${String(i + 1)}`
	);
	return spec(sql`
		WITH rows AS (
			SELECT patient_no, single_episode ${join(flags, '')}
			${includedEpisodes({ measure, filter: NO_FILTER })}
		), chips AS (
			SELECT patient_no, single_episode ${cumulative.join('')} FROM rows
		)
		SELECT count(*)::INTEGER AS n_0, ${patients()} AS patients_0 ${join(counts, '')}
		FROM chips`);
}
