import type { Measure } from '../measures/registry';
import type { FieldKey } from './synonyms';

export type Layout = 'wide' | 'long' | 'redcap';
export type TimeUnit = 'session' | 'visit' | 'week' | 'day' | 'month';
export type DateOrder = 'DMY' | 'MDY';

/** Where a canonical field comes from: a column, several (composite key), or a constant. */
export type FieldSource = string | string[] | { constant: string };

/**
 * How a source's columns become canonical tables. Written as JSON by users and by
 * `import --json`, read back by `--mapping`; schema: docs/mapping.schema.json.
 */
export interface Mapping {
	layout: Layout;
	fields: Partial<Record<FieldKey, FieldSource>>;
	/** Measure key → its column (wide, REDCap) or its name in the measure column (long). */
	measures: Record<string, string>;
	/** Long layout: the column naming the measure and the column holding the value. */
	long?: { measureColumn: string; valueColumn: string };
	/** Measures beyond the built-ins, saved with the dataset. */
	customMeasures?: Measure[];
	/** Per category field: source value → label (merge or rename values). */
	valueAliases?: Partial<
		Record<'clinic' | 'therapist' | 'condition' | 'technique' | 'sex', Record<string, string>>
	>;
	/** Used only when every date in a column could be read either way. */
	dateOrder?: DateOrder;
	/** What the visit column counts when there are no dates. */
	timeUnit?: TimeUnit;
	/** Days without a session after which the next starts a new episode (default 90). */
	episodeGapDays?: number;
}

export const DEFAULT_EPISODE_GAP_DAYS = 90;

/** How a field's source reads in reports: `Client ID`, or `site + id` for a composite key. */
export const columnsLabel = (source: FieldSource | undefined) => sourceColumns(source).join(' + ');

/** The field's column names (composite keys have several); none for constants. */
export function sourceColumns(source: FieldSource | undefined): string[] {
	if (source === undefined || (typeof source === 'object' && !Array.isArray(source))) return [];
	return typeof source === 'string' ? [source] : source;
}
