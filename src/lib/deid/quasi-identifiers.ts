import { quoteIdent, quoteString } from '../engine/quote';

/** Fields that, with outside knowledge, could single a patient out: what k-anonymity checks. */
export const QUASI_FIELDS = [
	'clinic',
	'therapist',
	'age_band',
	'sex',
	'condition',
	'technique'
] as const;
export type QuasiField = (typeof QUASI_FIELDS)[number];
export const isQuasiField = (f: string): f is QuasiField =>
	(QUASI_FIELDS as readonly string[]).includes(f);

/** How each quasi-identifier reads on the page. */
export const QUASI_LABELS: Record<QuasiField, string> = {
	clinic: 'clinic',
	therapist: 'therapist',
	age_band: 'age band',
	sex: 'sex',
	condition: 'condition',
	technique: 'technique'
};

/** The issue's default: clinic, therapist, age band, sex and condition; k = 5. */
export const DEFAULT_QUASI: readonly QuasiField[] = [
	'clinic',
	'therapist',
	'age_band',
	'sex',
	'condition'
];
export const DEFAULT_K = 5;
/** Share of episodes the export may drop rather than generalise further (ARX's default is 0–10 %). */
export const DEFAULT_MAX_SUPPRESSED = 0.05;
/** A value generalised away entirely. */
export const ANY = '*';

/** The import's bands (domain.md, Ages); ages of 90 and over are already pooled as 90+. */
export const AGE_BANDS = [
	'under 18',
	'18–29',
	'30–39',
	'40–49',
	'50–59',
	'60–69',
	'70–79',
	'80–89',
	'90+'
] as const;
const WIDE_AGE_BANDS: Record<string, string> = {
	'under 18': 'under 40',
	'18–29': 'under 40',
	'30–39': 'under 40',
	'40–49': '40–59',
	'50–59': '40–59',
	'60–69': '60–79',
	'70–79': '60–79',
	'80–89': '80+',
	'90+': '80+'
};

/**
 * Safe Harbor's age rule on a band as imported: a standard band stays, any other label (a
 * source's own "85-95", "92") becomes *, since it might state an age over 89.
 */
export const safeAgeBandSql = (column: string) =>
	`CASE WHEN ${column} IS NULL THEN NULL WHEN ${column} IN (${AGE_BANDS.map(quoteString).join(', ')})
		THEN ${column} ELSE '${ANY}' END`;

/**
 * One rung of the generalisation ladder. The rungs are climbed in this fixed order, skipping
 * those on fields that are not quasi-identifiers of the export, until few enough episodes are
 * left in classes smaller than k (docs/deid.md says why this order).
 */
export interface LadderStep {
	field: QuasiField;
	level: number;
	says: string;
}
export const LADDER: readonly LadderStep[] = [
	{
		field: 'age_band',
		level: 1,
		says: 'age bands widened to 20 years (under 40, 40–59, 60–79, 80+)'
	},
	{ field: 'therapist', level: 1, says: `therapist replaced by ${ANY}` },
	{ field: 'clinic', level: 1, says: `clinic replaced by ${ANY}` },
	{ field: 'age_band', level: 2, says: `age band replaced by ${ANY}` },
	{ field: 'sex', level: 1, says: `sex replaced by ${ANY}` }
];

/** The field at a level of generalisation, from its level-0 column of the episode table `from`. */
export function levelSql(field: QuasiField, level: number, from = ''): string {
	const column = `${from ? `${from}.` : ''}${quoteIdent(field)}`;
	if (level === 0) return column;
	if (field === 'age_band' && level === 1) {
		const cases = Object.entries(WIDE_AGE_BANDS)
			.map(([from, to]) => `WHEN ${quoteString(from)} THEN ${quoteString(to)}`)
			.join(' ');
		return `(CASE ${column} ${cases} ELSE ${column} END)`;
	}
	return `'${ANY}'`;
}

/** Levels per field: 0 everywhere, then raised by each rung climbed. */
export type Levels = Record<QuasiField, number>;
export const NO_GENERALISATION: Levels = Object.fromEntries(
	QUASI_FIELDS.map((f) => [f, 0])
) as Levels;
