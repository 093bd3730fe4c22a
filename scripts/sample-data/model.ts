// Assumptions behind the sample export, kept as data so they can be read and changed in one place.
// The figures are illustrative, calibrated to the ranges in shared/domain.md, not estimates from a
// meta-analysis: the app must find in this data what we put in, nothing more.

// prettier-ignore
export const CONDITIONS = ['Low back pain', 'Neck pain', 'Fibromyalgia', 'Headache', 'Sciatica',
	'Carpal tunnel', 'Thoracic outlet', 'Sports injury', 'Post-surgical', 'Arthritis', 'Pregnancy'] as const;
export type Condition = (typeof CONDITIONS)[number];

// prettier-ignore
export const TECHNIQUES = ['Myofascial release', 'Neuromuscular / trigger point', 'Deep tissue', 'Swedish',
	'Sports massage', 'Manual lymphatic drainage'] as const;
export type Technique = (typeof TECHNIQUES)[number];

// Same spelling (en dash) as the canonical age_band ENUM in docs/data-model.md.
// prettier-ignore
export const AGE_BANDS = ['18–29', '30–39', '40–49', '50–59', '60–69', '70–79', '80–89', '90+'] as const;

export interface Clinic {
	name: string;
	share: number; // share of patients
	// Extra pain change each therapist adds (points, negative = better), so the risk-adjusted
	// provider comparison has something real to find; small, as provider variation usually is.
	therapists: Record<string, number>;
	// Sleep/stress asked every n-th session (1 = always, 0 = never): clinics differ in what they
	// record, and the app must cope with that.
	wellbeingEvery: 0 | 1 | 2;
}

// prettier-ignore
export const CLINICS: Clinic[] = [
	{ name: 'Northside Clinic', share: 0.4, wellbeingEvery: 1, therapists:
		{ 'A. Novak': 0, 'M. Okafor': -0.4, 'J. Lindqvist': 0, 'S. Patel': 0.1, 'L. Moreau': 0 } },
	{ name: 'Riverside Clinic', share: 0.35, wellbeingEvery: 2, therapists:
		{ 'K. Tanaka': 0, 'R. Alvarez': 0.1, 'E. Byrne': 0, 'D. Kowalski': 0.4, 'H. Mensah': -0.1 } },
	{ name: 'Harbour Clinic', share: 0.25, wellbeingEvery: 0, therapists:
		{ 'C. Rossi': 0, 'T. Nguyen': -0.2, 'P. Schmidt': 0, 'I. Haddad': 0.2, 'B. Walsh': 0 } }
];

export interface ConditionProfile {
	share: number; // share of patients; low back and neck pain dominate massage referrals
	female: number; // probability the patient is F
	ages: number[]; // weights over AGE_BANDS
	painBaseline: number; // mean true baseline NPRS
	// Matched techniques with the expected pain change (points, 0–10) after ~10 sessions of 60 min.
	// Every other technique is a weak pair: WEAK_CHANGE.
	matched: Partial<Record<Technique, number>>;
}

// Which pairs match: Cherkin 2011 (low back pain; structural and relaxation massage did alike,
// −1.4 to −1.7 beyond usual care), Sherman 2014 (neck pain), Perlman 2012 (knee OA, Swedish); the
// rest follow common clinical pairing. Sizes are assumptions within −1.5 to −2.5 (shared/domain.md).
// prettier-ignore
export const CONDITION_PROFILES: Record<Condition, ConditionProfile> = {
	'Low back pain': { share: 0.22, female: 0.55, ages: [6, 14, 20, 22, 18, 12, 6, 1], painBaseline: 6,
		matched: { 'Myofascial release': -2.5, 'Deep tissue': -2.3, 'Neuromuscular / trigger point': -2.2, Swedish: -2.0 } },
	'Neck pain': { share: 0.16, female: 0.62, ages: [10, 18, 22, 22, 15, 9, 4, 0.5], painBaseline: 5.8,
		matched: { 'Neuromuscular / trigger point': -2.5, 'Myofascial release': -2.3 } },
	Fibromyalgia: { share: 0.07, female: 0.85, ages: [5, 15, 27, 28, 16, 7, 2, 0], painBaseline: 6.8,
		matched: { Swedish: -1.9, 'Myofascial release': -2.1 } },
	Headache: { share: 0.09, female: 0.7, ages: [20, 26, 24, 16, 9, 4, 1, 0], painBaseline: 5.9,
		matched: { 'Neuromuscular / trigger point': -2.5, 'Myofascial release': -2.0 } },
	Sciatica: { share: 0.08, female: 0.48, ages: [4, 12, 22, 25, 20, 12, 5, 0.5], painBaseline: 6.6,
		matched: { 'Deep tissue': -2.1, 'Neuromuscular / trigger point': -2.2 } },
	'Carpal tunnel': { share: 0.05, female: 0.68, ages: [6, 15, 24, 26, 18, 8, 3, 0], painBaseline: 5.4,
		matched: { 'Myofascial release': -2.3, 'Neuromuscular / trigger point': -1.9 } },
	'Thoracic outlet': { share: 0.03, female: 0.65, ages: [16, 28, 26, 17, 9, 3, 1, 0], painBaseline: 5.6,
		matched: { 'Myofascial release': -2.0, 'Neuromuscular / trigger point': -1.9 } },
	'Sports injury': { share: 0.1, female: 0.4, ages: [38, 28, 18, 10, 5, 1, 0, 0], painBaseline: 5.7,
		matched: { 'Sports massage': -2.5, 'Deep tissue': -2.3 } },
	'Post-surgical': { share: 0.08, female: 0.52, ages: [5, 9, 15, 22, 25, 17, 6, 1], painBaseline: 6.2,
		matched: { 'Manual lymphatic drainage': -2.5, Swedish: -1.8 } },
	Arthritis: { share: 0.08, female: 0.6, ages: [0.5, 2, 7, 18, 30, 27, 13, 2.5], painBaseline: 6.1,
		matched: { Swedish: -2.3, 'Myofascial release': -1.8 } },
	Pregnancy: { share: 0.04, female: 1, ages: [40, 52, 8, 0, 0, 0, 0, 0], painBaseline: 5.2,
		matched: { Swedish: -2.2, 'Manual lymphatic drainage': -1.8 } }
};

// Usual-care drift over a course (Cherkin 2011: about −0.4); weak pairs do barely better.
export const DRIFT = -0.4;
export const WEAK_CHANGE = -0.5;
// Therapists pick a matched technique this many times more often than any other one.
export const MATCHED_PREFERENCE = 4;

// Dose: only the part of the effect beyond drift scales with session length. Sherman 2014 (neck
// pain): 30-min sessions barely beat waiting, 60 min far better; Perlman 2012: plateau at 60 min.
export const MINUTES = [15, 30, 45, 60] as const;
export const MINUTE_SHARES = [0.15, 0.3, 0.2, 0.35]; // 30 and 60 min are the usual bookings
export const DOSE = [0.4, 0.7, 0.9, 1.0]; // by MINUTES
export const OTHER_MINUTES_SHARE = 0.08; // a session now and then is shorter or longer than usual

export const COURSE_SESSIONS = [4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
export const COURSE_SHARES = [6, 8, 14, 10, 16, 8, 24, 5, 9]; // 6, 8 and 10 are typical bookings
export const DROPOUT = 0.18; // domain.md: dropout ~15–20 %
export const GAP_DAYS = [5, 10] as const; // roughly weekly, inclusive
export const FIRST_DAY = '2024-01-01';
export const LAST_START_DAY = '2025-12-31';

// Course shape: exponential approach to the final change, reached at session 10 (index 9).
export const TAU_SESSIONS = 3;

// A measure's true course: baseline drawn within [lo, hi], a final change with between-patient SD
// `ownSd`, integer readings 0..max with measurement noise `noiseSd`.
export interface MeasureModel {
	baseline: number;
	baselineSd: number;
	lo: number;
	hi: number;
	max: number;
	noiseSd: number;
	ownSd: number;
}
// Pain's baseline mean is per condition. With noise at baseline and at the last session (and
// rounding) the observed SD of change comes out near 1.5 points, as domain.md expects (1.1–1.6).
// prettier-ignore
export const PAIN: MeasureModel = { baseline: 6, baselineSd: 1.3, lo: 2.5, hi: 9.5, max: 10, noiseSd: 0.8, ownSd: 0.9 };
// Sleep (higher better) and stress (lower better) change by `share` of the patient's standardized
// pain relief plus their own variation: smaller, noisier effects (domain.md).
// prettier-ignore
export const SLEEP = { baseline: 4.5, baselineSd: 1.5, lo: 0.5, hi: 9.5, max: 10, noiseSd: 1, ownSd: 0.8, share: 0.4 };
// prettier-ignore
export const STRESS = { baseline: 6, baselineSd: 1.5, lo: 1, hi: 9.5, max: 10, noiseSd: 1, ownSd: 0.8, share: 0.5 };
// Flexibility, % of normal range of motion: ~5 points per point of pain relief, so matched pairs
// gain ~5–12 points.
// prettier-ignore
export const FLEX = { baseline: 65, baselineSd: 6, lo: 40, hi: 90, max: 100, noiseSd: 3.5, ownSd: 3, perPainPoint: 5 };

export const MISSING = 0.03; // share of empty measure cells
export const NOTE_SHARE = 0.12;
// Short clinical notes; some with commas, quotes and non-ASCII to exercise CSV quoting and decoding.
export const NOTES = [
	'tight upper trapezius',
	'reports better sleep',
	'said "much better", slept well',
	'TP in levator scapulae, referred pain to temple',
	'prefers lighter pressure',
	'missed last week (flu)',
	'home stretches 2x daily, doing them',
	'ROM +10° shoulder flexion',
	'sore for a day after last session',
	'"a bit stiff" on waking',
	'L hip tender, avoided deep work',
	'stressful week at work, pain up'
];
