import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalEngine } from '../engine/engine';
import { createNodeEngine } from '../engine/node-engine';
import { rowObjects } from '../engine/rows';
import { AGE_BANDS, levelSql, safeAgeBandSql } from './quasi-identifiers';

let db: LocalEngine;
beforeAll(async () => {
	db = await createNodeEngine();
}, 60_000);
afterAll(() => db.close());

it('holds age bands to Safe Harbor, then widens them to 20 years, then to *', async () => {
	const labels = [...AGE_BANDS, '85-95', '92', 'eighty', null];
	const values = labels.map(() => '(?)').join(', ');
	const t = await db.query({
		sql: `WITH given(raw) AS (VALUES ${values}), safe AS (SELECT raw, ${safeAgeBandSql('raw')} AS age_band FROM given)
			SELECT raw, ${levelSql('age_band', 0)} AS l0, ${levelSql('age_band', 1)} AS l1,
				${levelSql('age_band', 2)} AS l2 FROM safe`,
		params: labels
	});
	const got = rowObjects<{ raw: string | null; l0: string; l1: string; l2: string }>(t);
	const l1 = Object.fromEntries(got.map((r) => [r.raw, r.l1]));
	expect(l1).toEqual({
		'under 18': 'under 40',
		'18–29': 'under 40',
		'30–39': 'under 40',
		'40–49': '40–59',
		'50–59': '40–59',
		'60–69': '60–79',
		'70–79': '60–79',
		'80–89': '80+',
		'90+': '80+',
		'85-95': '*',
		'92': '*',
		eighty: '*',
		null: null
	});
	expect(
		got.filter((r) => r.raw !== null && !AGE_BANDS.includes(r.raw as never)).map((r) => r.l0)
	).toEqual(['*', '*', '*']);
	expect(new Set(got.map((r) => r.l2))).toEqual(new Set(['*']));
});
