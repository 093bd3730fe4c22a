import type { LocalEngine } from '../engine/engine';
import { quoteIdent } from '../engine/quote';
import { rowObjects } from '../engine/rows';
import type { Mapping, TimeUnit } from './mapping';
import { detectLayout } from './layout';
import type { StagedFile } from './readers/types';
import { FIELD_SYNONYMS, findSynonym, matchKey, MEASURE_SYNONYMS } from './synonyms';

export interface Suggestion {
	mapping: Mapping;
	notes: string[];
}

/** A first mapping from the column names (and a look at the data where names are not enough). */
export async function suggestMapping(
	db: LocalEngine,
	files: readonly StagedFile[]
): Promise<Suggestion> {
	const first = files[0];
	if (!first) throw new Error('No file to map.');
	const columns = [...new Set(files.flatMap((f) => f.columns))];
	const guess = detectLayout(columns);
	const notes: string[] = [];
	const mapping: Mapping = { layout: guess.layout, fields: {}, measures: {}, long: guess.long };
	const taken = new Set<string>();
	const used = new Set([guess.long?.measureColumn, guess.long?.valueColumn]);
	if (guess.layout === 'redcap') {
		Object.assign(mapping.fields, { patient: 'record_id', visit: 'redcap_event_name' });
		['patient', 'visit'].forEach((f) => taken.add(f));
		[
			'record_id',
			'redcap_event_name',
			'redcap_repeat_instrument',
			'redcap_repeat_instance'
		].forEach((c) => used.add(c));
	}
	for (const column of columns.filter((c) => !used.has(c))) {
		const field = findSynonym(column, FIELD_SYNONYMS, taken);
		if (field) {
			mapping.fields[field] = column;
			taken.add(field);
			continue;
		}
		const measure =
			guess.layout === 'long'
				? null
				: findSynonym(column, MEASURE_SYNONYMS, new Set(Object.keys(mapping.measures)));
		if (measure) mapping.measures[measure] = column;
	}
	if (guess.layout === 'long') await mapLongMeasureNames(db, first, mapping);
	await checkVasScale(db, first, mapping, notes);
	await checkCompositeKey(db, first, mapping, notes);
	if (!mapping.fields.date && !mapping.fields.visit)
		await mapNumberedTime(db, first, mapping, notes);
	const visit = mapping.fields.visit;
	if (!mapping.fields.date && typeof visit === 'string') mapping.timeUnit = timeUnitOf(visit);
	return { mapping, notes };
}

/**
 * A trial's `time` column (1 = pre, 2 = post) numbers the visits; it is only taken for them
 * when nothing else places the rows in time, and when every value is a number (not a clock).
 */
async function mapNumberedTime(
	db: LocalEngine,
	file: StagedFile,
	mapping: Mapping,
	notes: string[]
) {
	const column = file.columns.find((c) => matchKey(c) === 'time');
	if (!column) return;
	const t = await db.query({
		sql: `SELECT count(v) > 0 AND count(v) = count(TRY_CAST(v AS DOUBLE)) AS numbered
			FROM (SELECT nullif(trim(${quoteIdent(column)}), '') AS v FROM ${quoteIdent(file.table)})`
	});
	if (t.getChild('numbered')?.get(0) !== true) return;
	mapping.fields.visit = column;
	notes.push(`"${column}" holds numbers and there is no date: read as visit numbers.`);
}

function timeUnitOf(column: string): TimeUnit {
	const key = matchKey(column);
	return (['week', 'day', 'month', 'session'] as const).find((u) => key.includes(u)) ?? 'visit';
}

/** Long files: map each measure name found in the measure column to a known measure. */
async function mapLongMeasureNames(db: LocalEngine, file: StagedFile, mapping: Mapping) {
	const t = await db.query({
		sql: `SELECT DISTINCT ${quoteIdent(mapping.long!.measureColumn)} AS name
		FROM ${quoteIdent(file.table)} WHERE name IS NOT NULL ORDER BY name LIMIT 200`
	});
	// Read verbatim: the mapping holds the name exactly as the file writes it.
	for (const { name } of rowObjects<{ name: string }>(t)) {
		const key = findSynonym(name, MEASURE_SYNONYMS, new Set(Object.keys(mapping.measures)));
		if (key) mapping.measures[key] = name;
	}
}

/** A "VAS" column scored 0–100 is the VAS measure, not NPRS 0–10 (domain.md: one scale each). */
async function checkVasScale(db: LocalEngine, file: StagedFile, mapping: Mapping, notes: string[]) {
	const column = mapping.measures.pain;
	if (!column || !matchKey(column).includes('vas') || mapping.layout === 'long') return;
	const t = await db.query({
		sql: `SELECT max(TRY_CAST(${quoteIdent(column)} AS DOUBLE)) AS top FROM ${quoteIdent(file.table)}`
	});
	if (Number(t.getChild('top')?.get(0)) > 10) {
		delete mapping.measures.pain;
		mapping.measures.pain_vas = column;
		notes.push(`"${column}" has values above 10: mapped to Pain (VAS, 0–100 mm), not NPRS 0–10.`);
	}
}

/** Patient ids that repeat across clinics or sites identify a patient only together with them. */
async function checkCompositeKey(
	db: LocalEngine,
	file: StagedFile,
	mapping: Mapping,
	notes: string[]
) {
	const { patient, clinic } = mapping.fields;
	if (typeof patient !== 'string' || typeof clinic !== 'string') return;
	const t = await db.query({
		sql: `SELECT count(*)::INTEGER AS n FROM (
		SELECT ${quoteIdent(patient)} FROM ${quoteIdent(file.table)}
		GROUP BY 1 HAVING count(DISTINCT ${quoteIdent(clinic)}) > 1)`
	});
	const repeated = Number(t.getChild('n')?.get(0));
	if (repeated > 0) {
		mapping.fields.patient = [clinic, patient];
		notes.push(
			`${repeated} patient ids appear under more than one "${clinic}": a patient is "${clinic}" + "${patient}".`
		);
	}
}
