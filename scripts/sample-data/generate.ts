// Seeded, deterministic generator of the sample export. Patients come one at a time from a
// generator function, so a 10M-row file never has to be held in memory.
import { randomLcg, randomNormal } from 'd3-random';
import * as M from './model';

// The binding column order of docs/data-model.md.
// prettier-ignore
export const COLUMNS = ['patient_id', 'clinic', 'therapist', 'condition', 'technique', 'session_date',
	'minutes', 'age_band', 'sex', 'pain', 'flexibility', 'sleep', 'stress', 'notes'] as const;
export const HEADER = COLUMNS.join(',');

type Score = number | null;
export interface SessionRow {
	patient_id: string;
	clinic: string;
	therapist: string;
	condition: M.Condition;
	technique: M.Technique;
	session_date: string;
	minutes: number;
	age_band: string;
	sex: 'F' | 'M';
	pain: Score;
	flexibility: Score;
	sleep: Score;
	stress: Score;
	notes: string;
}

// The truth behind the rows, for tests and calibration; the CSV carries only `sessions`.
export interface Patient {
	matched: boolean;
	minutes: number; // usual session length
	planned: number;
	dropout: boolean;
	sessions: SessionRow[];
}

const DAY_MS = 86_400_000;
const FIRST_MS = Date.parse(M.FIRST_DAY);
const START_DAYS = (Date.parse(M.LAST_START_DAY) - FIRST_MS) / DAY_MS + 1;
const CURVE_END = 1 - Math.exp(-9 / M.TAU_SESSIONS); // full change at session 10 (index 9)

function at<T>(xs: readonly T[], i: number): T {
	const x = xs[i];
	if (x === undefined) throw new RangeError(`index ${i} outside 0..${xs.length - 1}`);
	return x;
}

// Weighted choice from a uniform draw, built once: choosing is the hot path at 10M rows.
function chooser<T>(items: readonly T[], weight: (item: T, i: number) => number): (x: number) => T {
	const weights = items.map(weight);
	const total = weights.reduce((a, b) => a + b, 0);
	let acc = 0;
	const cdf = weights.map((w) => (acc += w) / total);
	return (x) => {
		let i = 0;
		while (i < cdf.length - 1 && x >= at(cdf, i)) i++;
		return at(items, i);
	};
}

const clinics = M.CLINICS.map((c) => ({ ...c, staff: Object.entries(c.therapists) }));
const chooseClinic = chooser(clinics, (c) => c.share);
const cases = M.CONDITIONS.map((condition) => {
	const profile = M.CONDITION_PROFILES[condition];
	return {
		condition,
		profile,
		technique: chooser(M.TECHNIQUES, (t) => (t in profile.matched ? M.MATCHED_PREFERENCE : 1)),
		ageBand: chooser(M.AGE_BANDS, (_, i) => at(profile.ages, i))
	};
});
const chooseCase = chooser(cases, (c) => c.profile.share);
const chooseMinutes = chooser([0, 1, 2, 3], (i) => at(M.MINUTE_SHARES, i)); // index of MINUTES, DOSE
const chooseCourse = chooser(M.COURSE_SESSIONS, (_, i) => at(M.COURSE_SHARES, i));
const dates: string[] = [];
const isoDay = (day: number) =>
	(dates[day] ??= new Date(FIRST_MS + day * DAY_MS).toISOString().slice(0, 10));

export function* patients(seed: number, count = Infinity): Generator<Patient> {
	const u = randomLcg(seed);
	u(); // an LCG's first draws from adjacent seeds are nearly equal: skip one
	const z = randomNormal.source(u)(0, 1);
	const int = (lo: number, hi: number) => lo + Math.floor(u() * (hi - lo + 1));
	// Truncated normal by redrawing: bounded by construction, no pile-up at the limits.
	const normal = (mean: number, sd: number, lo: number, hi: number) => {
		for (;;) {
			const x = mean + sd * z();
			if (x >= lo && x <= hi) return x;
		}
	};
	// A patient's true course on one measure. Readings redraw the noise until it rounds onto the
	// scale (max(0, …) only turns -0 into 0).
	const course = (m: M.MeasureModel, baseline: number, change: number) => {
		const start = normal(baseline, m.baselineSd, m.lo, m.hi);
		const delta = normal(change, m.ownSd, -start, m.max - start);
		const read = (f: number): Score =>
			u() < M.MISSING
				? null
				: Math.max(0, Math.round(normal(start + f * delta, m.noiseSd, -0.49, m.max + 0.49)));
		return { delta, read };
	};
	const { PAIN, SLEEP, STRESS, FLEX } = M;

	for (let p = 1; p <= count; p++) {
		const clinic = chooseClinic(u());
		const [therapist, therapistEffect] = at(clinic.staff, int(0, clinic.staff.length - 1));
		const { condition, profile, ...choose } = chooseCase(u());
		const technique = choose.technique(u());
		const who = {
			patient_id: 'P' + String(p).padStart(6, '0'),
			clinic: clinic.name,
			therapist,
			condition,
			technique,
			age_band: choose.ageBand(u()),
			sex: u() < profile.female ? ('F' as const) : ('M' as const)
		};
		const mi = chooseMinutes(u());
		const planned = chooseCourse(u());
		const dropout = u() < M.DROPOUT;
		const n = dropout ? int(1, planned - 1) : planned;

		// Only the effect beyond usual-care drift depends on dose and on the therapist.
		const pairChange = profile.matched[technique] ?? M.WEAK_CHANGE;
		const expected = M.DRIFT + at(M.DOSE, mi) * (pairChange - M.DRIFT) + therapistEffect;
		const pain = course(PAIN, profile.painBaseline, expected);
		const relief = -pain.delta / PAIN.baselineSd; // standardized, positive = better
		const sleep = course(SLEEP, SLEEP.baseline, SLEEP.share * relief * SLEEP.baselineSd);
		const stress = course(STRESS, STRESS.baseline, -STRESS.share * relief * STRESS.baselineSd);
		const flex = course(FLEX, FLEX.baseline, -FLEX.perPainPoint * pain.delta);

		let day = int(0, START_DAYS - 1);
		const sessions: SessionRow[] = [];
		for (let k = 0; k < n; k++) {
			if (k > 0) day += int(M.GAP_DAYS[0], M.GAP_DAYS[1]);
			const f = (1 - Math.exp(-k / M.TAU_SESSIONS)) / CURVE_END;
			const shift = u() < M.OTHER_MINUTES_SHARE ? (u() < 0.5 ? -1 : 1) : 0;
			const wellbeing = clinic.wellbeingEvery > 0 && k % clinic.wellbeingEvery === 0;
			sessions.push({
				...who,
				session_date: isoDay(day),
				minutes: at(M.MINUTES, Math.min(3, Math.max(0, mi + shift))),
				pain: pain.read(f),
				flexibility: flex.read(f),
				sleep: wellbeing ? sleep.read(f) : null,
				stress: wellbeing ? stress.read(f) : null,
				notes: u() < M.NOTE_SHARE ? at(M.NOTES, int(0, M.NOTES.length - 1)) : ''
			});
		}
		const matched = technique in profile.matched;
		yield { matched, minutes: at(M.MINUTES, mi), planned, dropout, sessions };
	}
}

// RFC 4180: quote a field holding a comma, quote or line break; double the quotes inside.
export function csvField(value: string | number | null): string {
	if (value === null) return '';
	const s = String(value);
	return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export const csvLine = (r: SessionRow) => COLUMNS.map((c) => csvField(r[c])).join(',');

// Header, then one line per session (without terminators), until `patientCount` patients or
// `maxRows` data rows, whichever comes first.
export function* csvLines(seed: number, patientCount = Infinity, maxRows = Infinity) {
	yield HEADER;
	let rows = 0;
	for (const patient of patients(seed, patientCount)) {
		for (const s of patient.sessions) {
			if (rows++ >= maxRows) return;
			yield csvLine(s);
		}
	}
}
