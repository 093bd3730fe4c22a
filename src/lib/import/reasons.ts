/**
 * Reason codes in plain words, for the people who read import reports. The codes stay in the
 * problems table's data, its CSV and `--json`, for filtering and scripts; the screen shows these.
 */
const REASON_LABELS: Record<string, string> = {
	missing_patient: 'No patient',
	invalid_date: 'Not a real date',
	no_time: 'No date or visit number',
	too_many_fields: 'More fields than the header',
	no_measures: 'No score',
	unknown_measure: 'Measure not mapped',
	exact_duplicate: 'Exact duplicate',
	conflicting_duplicate: 'Conflicting duplicate',
	future_date: 'Date in the future',
	not_numeric: 'Not a number',
	out_of_range: 'Value out of range'
};

const SEVERITY_LABELS: Record<string, string> = {
	rejected_row: 'Row rejected',
	rejected_value: 'Value rejected',
	flag: 'Flagged'
};

/** A code's plain words; an unknown code is shown as it is rather than hidden. */
export const reasonLabel = (code: string) => REASON_LABELS[code] ?? code;
export const severityLabel = (code: string) => SEVERITY_LABELS[code] ?? code;

/** For a rejected row's reason: which field to map or check so such rows can be placed. */
export const REASON_FIXES: Record<string, string> = {
	missing_patient: 'Map the Patient column (two columns, if ids repeat across sites).',
	invalid_date: 'Check the Session date column, or map a Visit / week number column.',
	no_time: 'Map a Session date or a Visit / week number column.',
	too_many_fields: "Check the file's delimiter and quotes: its rows do not match its header.",
	no_measures: 'Map the columns that hold the scores (Measures).',
	unknown_measure: 'Map the measure names used in the measure column (Measures).'
};
