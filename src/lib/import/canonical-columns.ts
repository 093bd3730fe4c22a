/**
 * The columns of the canonical wide export (docs/data-model.md): one row per session, one column
 * per measure key. The general importer (column mapping, synonyms, other layouts) produces the same
 * shape; this module only knows the canonical names.
 */
export const CATEGORY_COLUMNS = [
	'clinic',
	'therapist',
	'condition',
	'technique',
	'age_band',
	'sex'
] as const;

export const REQUIRED_COLUMNS = ['patient_id', 'session_date'] as const;

export const OPTIONAL_COLUMNS = [...CATEGORY_COLUMNS, 'minutes', 'notes'] as const;

/** Days without a session after which the next one starts a new episode of care (domain.md). */
export const EPISODE_GAP_DAYS = 90;
