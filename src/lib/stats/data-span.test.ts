import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../engine/engine';
import { dbWithCsv, TEST_NOW } from '../../../tests/support/db';
import { dataSpanQuery } from './data-span';
import { run } from './reference.test-support';

const CSV = `patient_id,condition,technique,session_date,pain
A,Neck pain,Swedish,2025-01-02,6
A,Neck pain,Swedish,2025-01-09,4
B,Neck pain,Swedish,2025-03-01,7
`;
let db: LocalEngine;
beforeAll(async () => {
	({ db } = await dbWithCsv(CSV));
}, 120_000);
afterAll(() => db.close());

describe('dataSpanQuery', () => {
	it('counts what is stored and gives its first and last session and import date', async () => {
		expect(await run(db, dataSpanQuery())).toEqual([
			{
				sessions: 3,
				patients: 2,
				episodes: 2,
				first_date: Date.UTC(2025, 0, 2),
				last_date: Date.UTC(2025, 2, 1),
				imported_at: TEST_NOW.getTime()
			}
		]);
	});
});
