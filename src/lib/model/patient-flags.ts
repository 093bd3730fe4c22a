/**
 * Flags that let a grouped query count distinct patients exactly while hashing few rows.
 *
 * A row flagged for fields G is its patient's only episode, with this measure, among the
 * patient's episodes sharing its values of G. In a grouping by every field of G (and maybe
 * more, e.g. the time of a trend point), the patient then has no other row in that group, so the
 * row is one patient by itself; only the unflagged rows need a distinct count. With G empty the
 * flag is `single_episode`, a patient's only episode of the measure at all.
 *
 * Why per grouping: a patient's second episode is usually for another condition or with another
 * technique, so in the matrix (condition × technique) nearly every row is flagged, where
 * `single_episode` leaves every returning patient to the distinct count — at 10M sessions that
 * count was half the matrix's time and two thirds of the trend's (issue 11).
 */
export interface PatientFlag {
	column: string;
	fields: readonly string[];
}

const flag = (...fields: string[]): PatientFlag => ({
	column: fields.length ? `alone_by_${fields.join('_')}` : 'single_episode',
	fields
});

/**
 * The flags both derived tables carry: the groupings that count most rows, the matrix and the
 * trend's panels (condition × technique) and the forest plot, comparisons and a trend's lines
 * (technique). Each costs a window over the table at every build (10M sessions: about 7 s in
 * Chromium), so the dose charts' few groups and the trend by condition alone, not flagged, count
 * with single_episode.
 */
export const PATIENT_FLAGS: readonly PatientFlag[] = [
	flag(),
	flag('condition', 'technique'),
	flag('technique')
];

/**
 * The flags as SELECT items over rows of episode × measure (or of episodes alone, with `by`
 * just the patient, where every episode has every measure). `episodes` counts a patient's
 * episodes in a partition: count(*) where a row is an episode, count(DISTINCT episode) where a
 * row is a point of one.
 */
export const patientFlagsSql = (
	flags: readonly PatientFlag[],
	episodes = 'count(*)',
	by: readonly string[] = ['measure', 'patient_no']
) =>
	flags
		.map(
			({ column, fields }) =>
				`${episodes} OVER (PARTITION BY ${[...by, ...fields].join(', ')}) = 1 AS ${column}`
		)
		.join(',\n\t\t');

/** The flag a grouping by `by` may use: the one with the most fields, all of them grouped by. */
export function patientFlagFor(by: readonly string[]): PatientFlag {
	const usable = PATIENT_FLAGS.filter((f) => f.fields.every((field) => by.includes(field)));
	return usable.reduce((best, f) => (f.fields.length > best.fields.length ? f : best));
}
