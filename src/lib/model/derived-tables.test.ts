import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../engine/engine';
import { dbWithCsv, rows } from '../../../tests/support/db';
import { restoreTables, snapshotTables } from '../datasets/snapshot';
import { buildDerivedTables, DERIVED_VERSION, derivedVersionIn } from './derived-tables';

// Small enough to work out by hand. Pain is lower-better (MCID 2 points or 30 %, target ≤ 1);
// flexibility higher-better with no MCID.
const CSV = `patient_id,condition,technique,session_date,minutes,pain,flexibility
A,Low back pain,Swedish,2025-01-06,60,8,50
A,Low back pain,Swedish,2025-01-13,55,7,
A,Low back pain,Swedish,2025-01-27,60,1,62
B,Low back pain,Swedish,2025-01-06,30,3,40
B,Low back pain,Swedish,2025-01-20,30,2,38
C,Neck pain,Deep tissue,2025-02-03,20,,70
C,Neck pain,Deep tissue,2025-02-10,20,5,71
D,Neck pain,Deep tissue,2025-02-03,45,6,
A,Neck pain,Deep tissue,2025-03-03,45,4,66
`;

type Row = Record<string, unknown>;
let db: LocalEngine;
const episode = (patient: string, condition: string, measure: string) =>
	rows<Row>(
		db,
		`SELECT em.* EXCLUDE (clinic, therapist, age_band, sex), em.condition::VARCHAR AS condition
		 FROM episode_measures em JOIN (SELECT DISTINCT episode, patient FROM sessions) s USING (episode)
		 WHERE s.patient = ? AND em.condition::VARCHAR = ? AND em.measure::VARCHAR = ?`,
		[patient, condition, measure]
	).then((r) => r[0]!);

beforeAll(async () => {
	({ db } = await dbWithCsv(CSV));
});
afterAll(() => db.close());

describe('episode_measures', () => {
	it('has one row per episode and measure, nothing dropped', async () => {
		const [count] = await rows<Row>(db, 'SELECT count(*)::INTEGER AS n FROM episode_measures');
		expect(count!.n).toBe(5 * 2);
	});

	it('signs improvement so positive is better and applies the registry MCID', async () => {
		const a = await episode('A', 'Low back pain', 'pain');
		expect(a).toMatchObject({ baseline: 8, last: 1, change: -7, improvement: 7, sessions: 3 });
		expect(a).toMatchObject({ responder: true, target_met: true, excluded: null });
		expect(a.pct_improvement).toBeCloseTo(87.5, 12);
		expect(a).toMatchObject({ minutes: 60, length_band: 60, days_followed: 21 });
		const flex = await episode('A', 'Low back pain', 'flexibility');
		expect(flex).toMatchObject({ baseline: 50, last: 62, improvement: 12, responder: null });
		expect(flex.target_met).toBeNull();
	});

	it('counts 30 % of baseline as a responder even below 2 points', async () => {
		const b = await episode('B', 'Low back pain', 'pain');
		// 3 → 2 is 1 point but 33 % of baseline.
		expect(b).toMatchObject({ improvement: 1, responder: true, target_met: false });
		expect(b.length_band).toBe(30);
		const flex = await episode('B', 'Low back pain', 'flexibility');
		expect(flex.improvement).toBe(-2);
	});

	it('keeps episodes without a baseline or follow-up, with the reason', async () => {
		const c = await episode('C', 'Neck pain', 'pain');
		expect(c).toMatchObject({ baseline: null, excluded: 'no baseline', improvement: null });
		expect(c.responder).toBeNull();
		const d = await episode('D', 'Neck pain', 'pain');
		expect(d).toMatchObject({ baseline: 6, last: null, excluded: 'no follow-up' });
		expect(d.length_band).toBe(45);
		expect((await episode('C', 'Neck pain', 'flexibility')).length_band).toBe(15);
	});

	it('numbers patients so two episodes of one person count once', async () => {
		const [p] = await rows<Row>(
			db,
			`SELECT count(DISTINCT patient_no)::INTEGER AS patients, count(DISTINCT episode)::INTEGER AS episodes
			 FROM episode_measures`
		);
		expect(p!).toEqual({ patients: 4, episodes: 5 });
	});

	it("flags an episode alone among its patient's by condition × technique, or technique", async () => {
		// A has two episodes: Low back pain with Swedish, Neck pain with Deep tissue.
		const a = await episode('A', 'Low back pain', 'pain');
		expect(a).toMatchObject({ single_episode: false, alone_by_condition_technique: true });
		expect(a).toMatchObject({ alone_by_technique: true });
		expect(await episode('B', 'Low back pain', 'pain')).toMatchObject({ single_episode: true });
	});
});

describe('measure_keys', () => {
	it('has one row per measure, of the same type as the tables it picks rows from', async () => {
		const got = await rows(
			db,
			`SELECT measure::VARCHAR AS measure, typeof(measure) = (SELECT typeof(measure)
				FROM episode_points LIMIT 1) AS same_type FROM measure_keys ORDER BY ALL`
		);
		expect(got).toEqual([
			{ measure: 'flexibility', same_type: true },
			{ measure: 'pain', same_type: true }
		]);
	});
	it('notes the version of the analysis tables, through the swap at the end of an import', async () => {
		expect(await derivedVersionIn(db)).toBe(DERIVED_VERSION);
	});
});

describe('episode_points', () => {
	it('has one row per episode, measure and point', async () => {
		const [c] = await rows<Row>(
			db,
			`SELECT count(*)::INTEGER AS n, count(DISTINCT (episode, measure, "time"))::INTEGER AS points,
				(SELECT count(*) FROM observations)::INTEGER AS observations FROM episode_points`
		);
		expect([c!.n, c!.points]).toEqual([c!.observations, c!.observations]);
	});

	it('holds each observed point with its change from baseline, signed as improvement', async () => {
		const got = await rows(
			db,
			`SELECT "time", week, value, change FROM episode_points p
			 WHERE measure = 'pain' AND condition = 'Low back pain' AND value IN (8, 7, 1) ORDER BY "time"`
		);
		expect(got).toEqual([
			{ time: 1, week: 0, value: 8, change: 0 },
			{ time: 2, week: 1, value: 7, change: 1 },
			{ time: 3, week: 3, value: 1, change: 7 }
		]);
		const [noBaseline] = await rows<Row>(
			db,
			`SELECT change FROM episode_points WHERE measure = 'pain' AND condition = 'Neck pain' AND value = 5`
		);
		expect(noBaseline!.change).toBeNull();
	});
});

describe('restoring a dataset saved before the derived tables existed', () => {
	it('derives them again from the canonical tables', async () => {
		const before = await rows(db, 'SELECT * FROM episode_measures ORDER BY ALL');
		const canonical = await snapshotTables(db, [
			'sessions',
			'observations',
			'measures',
			'dataset_info'
		]);
		await db.query({ sql: 'DROP TABLE episode_measures; DROP TABLE episode_points' });
		await restoreTables(db, canonical);
		await buildDerivedTables(db);
		expect(await rows(db, 'SELECT * FROM episode_measures ORDER BY ALL')).toEqual(before);
	});
});
