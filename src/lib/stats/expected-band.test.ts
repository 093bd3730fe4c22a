import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../engine/engine';
import { dbWithCsv, readSampleCsv } from '../../../tests/support/db';
import { referenceBand, type ReferenceMeasure } from '../../../tests/reference/therapist-reference';
import { expectedBandQuery } from './expected-band';
import { episodeSeriesQuery, patientEpisodesQuery, sessionNotesQuery } from './patient-series';
import { expectRowsClose, run } from './reference.test-support';

// The expected band on the tables the import really builds, against percentiles in plain JS.
const csv = readSampleCsv();
let db: LocalEngine;
beforeAll(async () => {
	({ db } = await dbWithCsv(csv));
}, 120_000);
afterAll(() => db.close());

const MEASURES: Record<string, ReferenceMeasure> = {
	pain: { key: 'pain', better: 'lower', range: [0, 10], mcidPoints: 2, mcidPercent: 30 },
	flexibility: {
		key: 'flexibility',
		better: 'higher',
		range: [0, 100],
		mcidPoints: null,
		mcidPercent: null
	}
};

async function episodeOf(patient: string) {
	const [episode] = await run(db, patientEpisodesQuery(patient));
	return episode!;
}

describe('expectedBandQuery', () => {
	it.each([
		['P000030', 'pain', 1],
		['P000030', 'flexibility', 10],
		['P000010', 'pain', 1],
		['P000092', 'flexibility', 10]
	] as const)(
		'%s, %s: the quartiles of similar episodes at each session, as computed in plain JS',
		async (patient, measure, tolerance) => {
			const episode = await episodeOf(patient);
			const expected = referenceBand(
				csv,
				MEASURES[measure]!,
				{
					patient,
					condition: String(episode.condition),
					technique: String(episode.technique)
				},
				tolerance
			).map((p) => ({ ...p, suppressed: p.q25 === null }));
			const got = (
				await run(db, expectedBandQuery({ episode: Number(episode.episode), axis: 'time' }))
			)
				.filter((r) => r.measure === measure)
				.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'measure')));
			expectRowsClose(got, expected, `${patient} ${measure}`);
			expect(expected.some((p) => p.q25 !== null && p.q25 !== p.q75)).toBe(true);
		}
	);

	it('suppresses points with fewer patients than asked, keeping their counts', async () => {
		const episode = Number((await episodeOf('P000030')).episode);
		const strict = await run(db, expectedBandQuery({ episode, axis: 'time', minPatients: 20 }));
		expect(strict.some((r) => r.suppressed)).toBe(true);
		for (const r of strict) {
			expect(r.suppressed).toBe(Number(r.patients) < 20);
			if (r.suppressed) expect([r.q25, r.median, r.q75]).toEqual([null, null, null]);
		}
	});

	it('by weeks, an episode counts once per week', async () => {
		const episode = Number((await episodeOf('P000030')).episode);
		const weeks = await run(db, expectedBandQuery({ episode, axis: 'week', minPatients: 1 }));
		expect(weeks.length).toBeGreaterThan(0);
		for (const r of weeks) expect(r.n).toBe(r.patients);
	});
});

describe('the patient page’s queries', () => {
	it('lists a patient’s episodes, scores and notes as stored', async () => {
		const episode = await episodeOf('P000030');
		expect(episode).toMatchObject({ therapist: 'A. Novak', sessions: 12 });
		const series = await run(
			db,
			episodeSeriesQuery({ episodes: [Number(episode.episode)], measure: 'pain', axis: 'time' })
		);
		const painColumn = csv
			.split('\n')
			.filter((line) => line.startsWith('P000030,'))
			.map((line) => line.split(',')[9])
			.filter((v) => v !== '')
			.map(Number);
		expect(series.map((r) => r.value)).toEqual(painColumn);
		expect(series.map((r) => r.x)).toEqual(series.map((_, i) => i + 1));
		const notes = await run(db, sessionNotesQuery('P000030'));
		expect(notes.map((n) => n.notes)).toEqual([
			'sore for a day after last session',
			'stressful week at work, pain up'
		]);
		expect(await run(db, patientEpisodesQuery("x' OR '1'='1"))).toEqual([]);
	});
});
