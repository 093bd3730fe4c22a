import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../engine/engine';
import quantile from '@stdlib/stats-base-dists-t-quantile';
import { createNodeEngine } from '../engine/node-engine';
import { installTQuantiles } from './t-quantiles';

// Reference: R 4.x, qt(0.975, df), printed with 9 significant digits.
const R_QT_975: [number, number][] = [
	[1, 12.7062047],
	[2, 4.30265273],
	[3, 3.18244631],
	[4, 2.77644511],
	[5, 2.57058184],
	[10, 2.22813885],
	[20, 2.08596345],
	[30, 2.04227246],
	[100, 1.98397152],
	[1000, 1.96233908]
];

let db: LocalEngine;
beforeAll(async () => {
	db = await createNodeEngine();
	await installTQuantiles(db);
});
afterAll(() => db.close());

async function t975(df: number | null): Promise<number | null> {
	const table = await db.query({ sql: 'SELECT t975(?::INTEGER) AS t', params: [df] });
	return table.getChild('t')?.get(0) ?? null;
}

describe('t975 in SQL', () => {
	it.each(R_QT_975)('matches R qt(0.975, %i)', async (df, expected) => {
		expect(await t975(df)).toBeCloseTo(expected, 6);
	});

	it.each([1001, 1500, 5000, 1_000_000])(
		'past the table, the expansion matches the exact quantile at df %i',
		async (df) => {
			expect(await t975(df)).toBeCloseTo(quantile(0.975, df), 9);
		}
	);

	it('has no interval without degrees of freedom', async () => {
		expect(await t975(0)).toBeNull();
		expect(await t975(null)).toBeNull();
	});
});
