import type { QuerySpec } from '../engine/engine';
import type { SqlFilter } from '../selection/clause';
import { join, NO_FILTER, spec, sql, where, type Fragment } from './sql';
import type { Cube } from '../model/episode-cube-sql';
import { includedEpisodes, measureRows } from './stats-sql';

export interface ChipCountsOptions {
	measure: string;
	/**
	 * Each chip's own filter, in the chips' order (ticking a second clinic widens the clinic
	 * chip's). Chip i keeps the rows that chips 1…i all keep, as the page's filters AND together.
	 */
	chips: readonly SqlFilter[];
}

/**
 * How many chips in a row a row passes, for the rows that pass the first (`firstChip`, in the
 * scan's WHERE: a row failing it is counted by no chip): a CASE that tests chip i+1 only on the
 * rows that passed chips 1…i. Chip i keeps the rows of depth ≥ i. Cumulative flags, one per chip,
 * had every row test every chip and count every flag: at 10M sessions, 9 chips, 440 ms. The
 * first chip in the WHERE instead of the CASE: 197 → 124 ms (Node duckdb-wasm, 10M sessions,
 * 8 chips; DuckDB tests list_contains in a WHERE three times faster than in a projection).
 */
function depth(chips: readonly SqlFilter[]): Fragment {
	const fails = chips
		.slice(1)
		.map((filter, i) => sql` WHEN NOT coalesce(${where(filter)}, false) THEN ${String(i + 1)}`);
	const deepest = String(chips.length);
	return fails.length
		? sql`CASE${join(fails, '')} ELSE ${deepest} END AS depth`
		: sql`${deepest} AS depth`;
}

const firstChip = (chips: readonly SqlFilter[]) => chips[0] ?? NO_FILTER;

/** n_i and patients_i (i = 1…chips) from `depths`: rows of depth, n, singles and `others`. */
function countsByDepth(chips: number, others: (kept: string) => string): string {
	return Array.from({ length: chips }, (_, c) => {
		const kept = `FILTER (WHERE depth >= ${String(c + 1)})`;
		return `coalesce(sum(n) ${kept}, 0)::INTEGER AS n_${String(c + 1)},
			(coalesce(sum(singles) ${kept}, 0) + ${others(kept)})::INTEGER AS patients_${String(c + 1)}`;
	}).join(',\n\t\t\t');
}

/**
 * Included episodes of the measure (n_i) and their distinct patients (patients_i) left by chips
 * 1…i, in one row and one scan of the episodes. Chip i's n adds up the depths ≥ i; its patients
 * are the single-episode rows added up plus, for the others, the union of those depths' patient
 * bits (stats-sql patients).
 */
export function chipCountsQuery({ measure, chips }: ChipCountsOptions): QuerySpec {
	return spec(sql`
		WITH rows AS (
			SELECT patient_no, single_episode, ${depth(chips)}
			${includedEpisodes({ measure, filter: firstChip(chips) })}
		), depths AS (
			SELECT depth, count(*) AS n, count(*) FILTER (WHERE single_episode) AS singles,
				bitstring_agg(patient_no) FILTER (WHERE NOT single_episode) AS bits
			FROM rows WHERE depth > 0 GROUP BY depth
		)
		SELECT ${countsByDepth(chips.length, (kept) => `coalesce(bit_count(bit_or(bits) ${kept}), 0)`)}
		FROM depths`);
}

/**
 * chipCountsQuery's counts added up from a cube (model/episode-cube-sql.ts), for chips whose
 * filters are all on the cube's fields (written for it by stats/cube-filter.ts); the tests check
 * the two agree. A returning patient (not single_episode) may sit in several cube rows, so the
 * patient numbers kept in the rows of depth ≥ 1 are unnested and each patient counted at the
 * deepest depth any of their rows reaches. Those lists are read back by rowid for just those
 * rows: carrying them through the depth CTE for every row tripled the query (10M sessions, Node
 * duckdb-wasm, two chips: 42 → 88 ms; the episode scan takes 275).
 */
export function cubeChipCountsQuery({
	measure,
	chips,
	cube
}: ChipCountsOptions & { cube: Cube['table'] }): QuerySpec {
	return spec(sql`
		WITH rows AS (
			SELECT ${cube}.rowid AS cube_row, n, single_episode AS singles, ${depth(chips)}
			${measureRows(cube, measure)} AND ${where(firstChip(chips))}
		), kept AS (SELECT * FROM rows WHERE depth > 0),
		repeat_patients AS (
			SELECT max(depth) AS depth FROM (
				SELECT depth, unnest(single_episode_others) AS patient_no
				FROM kept JOIN ${cube} ON ${cube}.rowid = kept.cube_row
			) GROUP BY patient_no
		), depths AS (
			SELECT depth, sum(n) AS n, sum(singles) AS singles, sum(repeaters) AS repeaters
			FROM (SELECT depth, n, singles, 0 AS repeaters FROM kept
				UNION ALL SELECT depth, 0, 0, count(*) FROM repeat_patients GROUP BY depth)
			GROUP BY depth
		)
		SELECT ${countsByDepth(chips.length, (kept) => `coalesce(sum(repeaters) ${kept}, 0)`)}
		FROM depths`);
}
