import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referenceEpisodes } from '../../../tests/reference/trend-reference';
import { dbWithCsv, rows } from '../../../tests/support/db';
import { dimensionsQuery } from './dimensions';

const fixture = readFileSync(
	new URL('../../../tests/fixtures/small-sessions.csv', import.meta.url),
	'utf8'
);

/** Episodes and distinct patients per condition and per technique, from the reference episodes. */
function referenceDimensions(csv: string) {
	const episodes = referenceEpisodes(csv);
	return (['condition', 'technique'] as const).flatMap((dimension) =>
		[...new Set(episodes.map((e) => e[dimension]))].sort().map((value) => {
			const mine = episodes.filter((e) => e[dimension] === value);
			const patients = new Set(mine.map((e) => e.patient)).size;
			return { dimension, value, episodes: mine.length, patients };
		})
	);
}

describe('dimensionsQuery', () => {
	it('counts episodes and distinct patients per condition and technique', async () => {
		const { db } = await dbWithCsv(fixture);
		try {
			const { sql } = dimensionsQuery();
			const expected = referenceDimensions(fixture);
			const got = await rows<{ dimension: string }>(db, sql);
			const named = (d: string) => d === 'condition' || d === 'technique';
			expect(got.filter((r) => named(r.dimension))).toEqual(expected);
			// The filter bar's other fields, from the same episodes (P1–P6 at two clinics).
			expect(got.filter((r) => r.dimension === 'clinic').map((r) => r)).toEqual([
				{ dimension: 'clinic', value: 'North', episodes: 5, patients: 3 },
				{ dimension: 'clinic', value: 'South', episodes: 4, patients: 3 }
			]);
			// Deep tissue: P1 and P2 once each, P6 three times (two conditions, a restarted course).
			expect(expected).toContainEqual({
				dimension: 'technique',
				value: 'Deep tissue',
				episodes: 5,
				patients: 3
			});
		} finally {
			await db.close();
		}
	});
});
