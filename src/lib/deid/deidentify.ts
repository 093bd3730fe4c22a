import type { LocalEngine } from '../engine/engine';
import { rowObjects } from '../engine/rows';
import { aggregateTable } from './aggregate';
import { dictionaryCsv, type DictionaryEntry } from './dictionary';
import { deidEpisodesQuery, dropDeidTablesSql } from './episodes-sql';
import { EXTRACT_ORDER, extractColumns, extractQuery, type ExtractShape } from './extract-sql';
import { tableFile, type DeidFormat } from './files';
import { chooseLevels, classesQuery } from './k-anonymity';
import { checkedOptions, type DeidOptions } from './options';
import { reportText, type DeidReport } from './report';
import { readReport } from './report-read';

export interface DeidFile {
	name: string;
	type: string;
	bytes: Uint8Array;
}

export interface DeidResult {
	report: DeidReport;
	dictionary: DictionaryEntry[];
	/** The extract, the aggregate table if asked, the dictionary, the report (JSON and text). */
	files: DeidFile[];
}

const MIME: Record<DeidFormat, string> = {
	csv: 'text/csv',
	parquet: 'application/vnd.apache.parquet'
};
const hex = (bytes: Uint8Array) =>
	Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const utf8 = (s: string) => new TextEncoder().encode(s);

/**
 * The loaded dataset as a de-identified research extract (docs/deid.md): allow-listed columns
 * only, random pseudonyms, days instead of dates, Safe Harbor age bands, k-anonymity on the
 * quasi-identifiers by generalisation then suppression. Runs on a connection of its own (a
 * coordinator write, or the command line's engine): the work tables, the only place pseudonyms
 * meet patients, are TEMP and dropped before it returns, and the secret behind the pseudonyms
 * is a local value, never stored.
 */
export async function deidentify(
	db: LocalEngine,
	given: Partial<DeidOptions>
): Promise<DeidResult> {
	const o = checkedOptions(given);
	try {
		await db.query(deidEpisodesQuery(hex(o.randomBytes(32))));
		const ladder = await chooseLevels(db, o.quasi, o.k, o.maxSuppressedShare);
		await db.query(classesQuery(o.quasi, ladder.levels, o.k));
		const shape = await extractShape(db, o.includeNotes);
		await db.query(extractQuery(shape));
		const columns = extractColumns(shape);
		const files: DeidFile[] = [
			{
				name: `deid-extract.${o.format}`,
				type: MIME[o.format],
				bytes: await tableFile(db, 'deid_extract', columns, EXTRACT_ORDER, o.format)
			}
		];
		let aggregate: DeidReport['aggregate'] = null;
		if (o.aggregate) {
			const table = await aggregateTable(db, shape.measures, o.format);
			aggregate = table.summary;
			files.push({ name: `deid-aggregate.${o.format}`, type: MIME[o.format], bytes: table.bytes });
		}
		const report = await readReport(db, o, shape, ladder, aggregate);
		const dictionary = columns.map(({ name, type, meaning, transformation }) => ({
			name,
			type,
			meaning,
			transformation
		}));
		files.push(
			{ name: 'deid-dictionary.csv', type: 'text/csv', bytes: utf8(dictionaryCsv(dictionary)) },
			{
				name: 'deid-report.json',
				type: 'application/json',
				bytes: utf8(JSON.stringify(report, null, 2))
			},
			{ name: 'deid-report.txt', type: 'text/plain', bytes: utf8(reportText(report)) }
		);
		return { report, dictionary, files };
	} finally {
		await db.query({ sql: dropDeidTablesSql() });
	}
}

/** The measures (score columns) and whether the dataset's time axis is its own visit numbers. */
async function extractShape(db: LocalEngine, includeNotes: boolean): Promise<ExtractShape> {
	const measures = rowObjects<{ key: string; label: string; unit: string }>(
		await db.query({ sql: 'SELECT "key", label, unit FROM measures' })
	);
	const [info] = rowObjects<{ time_axis: string }>(
		await db.query({ sql: 'SELECT time_axis FROM dataset_info' })
	);
	return { measures, visitAxis: info?.time_axis === 'visit', includeNotes };
}
