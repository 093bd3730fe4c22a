import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../engine/engine';
import { dbWithCsv, readSampleCsv } from '../../../tests/support/db';
import {
	referenceFlags,
	type ReferenceMeasure
} from '../../../tests/reference/therapist-reference';
import { PLANNED_SESSIONS } from './director-kpis';
import { flagCountsQuery, patientListQuery, PATIENT_SORTS } from './patient-list';
import { run, type Row } from './reference.test-support';

// The flags on the tables the import really builds, against an episode walk in plain JS.
const csv = readSampleCsv();
let db: LocalEngine;
beforeAll(async () => {
	({ db } = await dbWithCsv(csv));
}, 120_000);
afterAll(() => db.close());

const PAIN: ReferenceMeasure = {
	key: 'pain',
	better: 'lower',
	range: [0, 10],
	mcidPoints: 2,
	mcidPercent: 30
};
const SLEEP: ReferenceMeasure = {
	...PAIN,
	key: 'sleep',
	better: 'higher',
	mcidPoints: null,
	mcidPercent: null
};
const therapistIs = (name: string) => ({ sql: 'therapist::VARCHAR = ?', params: [name] });
const key = (r: { patient?: unknown; condition?: unknown }) =>
	`${String(r.patient)}/${String(r.condition)}`;

describe('patientListQuery and flagCountsQuery', () => {
	it.each([
		['A. Novak', PAIN, 4, 3],
		['S. Patel', PAIN, 6, 8],
		['E. Byrne', SLEEP, 4, 3]
	] as const)(
		'%s, %s: every episode flagged as the reference flags it',
		async (therapist, m, stallAfter, overdueWeeks) => {
			const options = { measure: m.key, filter: therapistIs(therapist), stallAfter, overdueWeeks };
			const expected = referenceFlags(csv, m, {
				therapist,
				stallAfter,
				overdueWeeks,
				planned: PLANNED_SESSIONS
			});
			const got = await run(db, patientListQuery({ ...options, limit: 1000 }));
			expect(got.map(key).sort()).toEqual(expected.map(key).sort());
			const byKey = new Map(got.map((r) => [key(r), r]));
			for (const e of expected) {
				const g = byKey.get(key(e))!;
				expect([g.not_progressing, g.worse, g.overdue, g.weeks_since], key(e)).toEqual([
					e.notProgressing,
					e.worse,
					e.overdue,
					e.weeksSince
				]);
			}
			const [counts] = await run(db, flagCountsQuery(options));
			const count = (f: (e: (typeof expected)[number]) => boolean | null) =>
				expected.filter((e) => f(e) === true).length;
			expect(counts).toMatchObject({
				episodes: expected.length,
				followed_up: expected.filter((e) => e.worse !== null).length,
				not_progressing: count((e) => e.notProgressing),
				worse: count((e) => e.worse),
				overdue: count((e) => e.overdue),
				any_flag: count((e) => e.notProgressing || e.worse || e.overdue)
			});
			// The fixture must tell the flags apart, or this test could not fail on a swapped flag.
			expect(
				new Set(expected.map((e) => `${e.notProgressing}${e.worse}${e.overdue}`)).size
			).toBeGreaterThan(2);
		}
	);

	it('a measure without an MCID judges no progress: not progressing is unknown', async () => {
		const rows = await run(
			db,
			patientListQuery({
				measure: 'sleep',
				filter: therapistIs('A. Novak'),
				stallAfter: 4,
				overdueWeeks: 3,
				limit: 1000
			})
		);
		expect(rows.every((r) => r.not_progressing === null)).toBe(true);
		const withThreshold = await run(
			db,
			patientListQuery({
				measure: 'sleep',
				filter: therapistIs('A. Novak'),
				stallAfter: 4,
				overdueWeeks: 3,
				threshold: 1,
				limit: 1000
			})
		);
		expect(withThreshold.some((r) => r.not_progressing === true)).toBe(true);
		for (const r of withThreshold)
			if (r.improvement !== null && Number(r.sessions) >= 4)
				expect(r.not_progressing).toBe(Number(r.improvement) < 1);
	});

	it('searches, sorts and pages in SQL, counting what the search found', async () => {
		const options = {
			measure: 'pain',
			filter: therapistIs('A. Novak'),
			stallAfter: 4,
			overdueWeeks: 3
		};
		const all = await run(db, patientListQuery({ ...options, sort: 'patient', limit: 1000 }));
		const ids = all.map((r) => String(r.patient));
		expect(ids).toEqual([...ids].sort());
		const page = await run(
			db,
			patientListQuery({ ...options, sort: 'patient', limit: 10, offset: 10 })
		);
		expect(page.map((r) => r.patient)).toEqual(ids.slice(10, 20));
		const needle = ids[3]!.slice(-3).toLowerCase();
		const found = await run(db, patientListQuery({ ...options, search: needle, limit: 1000 }));
		expect(found.map((r) => r.patient).sort()).toEqual(
			ids.filter((id) => id.toLowerCase().includes(needle)).sort()
		);
		expect(found.every((r) => r.found === found.length)).toBe(true);
		const none = await run(
			db,
			patientListQuery({ ...options, search: "%' OR 1=1 --", limit: 1000 })
		);
		expect(none).toEqual([]);
	});

	it.each(PATIENT_SORTS.map((s) => [s]))('sort %s puts every row in its order', async (sort) => {
		const rows = await run(
			db,
			patientListQuery({
				measure: 'pain',
				filter: therapistIs('S. Patel'),
				stallAfter: 4,
				overdueWeeks: 3,
				sort,
				limit: 1000
			})
		);
		const flags = (r: Row) =>
			[r.not_progressing, r.worse, r.overdue].filter((f) => f === true).length;
		const value: Record<typeof sort, (r: Row) => number | string> = {
			flags: (r) => -flags(r),
			patient: (r) => String(r.patient),
			improvement: (r) => (r.improvement === null ? Infinity : Number(r.improvement)),
			sessions: (r) => -Number(r.sessions),
			last_seen: (r) => Number(r.weeks_since)
		};
		const keys = rows.map(value[sort]);
		for (let i = 1; i < keys.length; i++)
			expect(keys[i - 1]! <= keys[i]!, `${sort} row ${i}`).toBe(true);
		expect(rows.length).toBe(49);
	});
});
