import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freshDb, TEST_NOW } from '../../../tests/support/db';
import type { LocalEngine } from '../engine/engine';
import { importFiles } from '../import/import-files';
import {
	decode,
	expectedFacts,
	expectReportedCounts,
	seededBytes
} from './deid-check.test-support';
import { deidentify } from './deidentify';
import { QUASI_FIELDS } from './quasi-identifiers';

// Random small clinics: whatever the data, k and quasi-identifiers, the file read back on its own
// has every combination shared by ≥ k patients, no date and no id, and says what the report says.
let db: LocalEngine;
beforeAll(async () => {
	db = await freshDb();
}, 60_000);
afterAll(() => db.close());

const session = fc.record({
	days: fc.integer({ min: 0, max: 80 }),
	pain: fc.integer({ min: 0, max: 10 })
});
const episode = fc.record({
	condition: fc.constantFrom('Low back pain', 'Neck pain', 'Fibromyalgia'),
	technique: fc.constantFrom('Swedish', 'Deep tissue'),
	sessions: fc.array(session, { minLength: 1, maxLength: 4 })
});
const patient = fc.record({
	clinic: fc.constantFrom('North', 'South'),
	therapist: fc.constantFrom('A. Ng', 'B. Ode', 'C. Pry', 'D. Roe'),
	// A source's own age labels too: 92 and 85-95 are not standard bands.
	age: fc.constantFrom('18–29', '30–39', '40–49', '60–69', '80–89', '90+', '92', '85-95', ''),
	sex: fc.constantFrom('F', 'M', ''),
	episodes: fc.array(episode, { minLength: 1, maxLength: 2 })
});

type Patient = typeof patient extends fc.Arbitrary<infer T> ? T : never;

function csvOf(patients: readonly Patient[]): string {
	const lines = ['patient_id,clinic,therapist,condition,technique,session_date,age_band,sex,pain'];
	patients.forEach((p, i) =>
		p.episodes.forEach((e, j) =>
			e.sessions.forEach((s) => {
				const date = new Date(Date.UTC(2024, 0, 1 + j * 200 + s.days)).toISOString().slice(0, 10);
				const cells = [`MRN${1000 + i}`, p.clinic, p.therapist, e.condition, e.technique, date];
				lines.push([...cells, p.age, p.sex, s.pain].join(','));
			})
		)
	);
	return `${lines.join('\n')}\n`;
}

it('every export of random data is k-anonymous, dateless, id-free and reported truly', async () => {
	await fc.assert(
		fc.asyncProperty(
			fc.array(patient, { minLength: 3, maxLength: 40 }),
			fc.integer({ min: 2, max: 6 }),
			fc.subarray([...QUASI_FIELDS]),
			fc.integer({ min: 1, max: 1e6 }),
			async (patients, k, quasi, seed) => {
				const blob = new Blob([csvOf(patients)]);
				await importFiles(db, [{ name: 'random.csv', blob }], { now: TEST_NOW });
				const { report, files } = await deidentify(db, {
					k,
					quasi,
					randomBytes: seededBytes(seed)
				});
				const facts = expectedFacts(decode(files[0]!.bytes), report, ['pain']);
				expect(facts.unknownColumns).toEqual([]);
				expect(facts.dateLikeCells).toEqual([]);
				expect(facts.file.rows.filter((r) => /^MRN/.test(r.patient ?? ''))).toEqual([]);
				if (facts.smallestClass !== null) expect(facts.smallestClass).toBeGreaterThanOrEqual(k);
				expectReportedCounts(facts, report);
				expect(report.output.sessions + report.suppressed.sessions).toBe(report.input.sessions);
				expect(report.input.patients).toBe(patients.length);
				const ages = facts.file.values('age_band');
				for (const odd of ['92', '85-95', '85–95']) expect(ages.has(odd)).toBe(false);
			}
		),
		{ numRuns: 10 }
	);
}, 240_000);
