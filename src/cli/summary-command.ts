import { rowObjects } from '../lib/engine/rows';
import { measuresQuery } from '../lib/import/metadata-sql';
import { GROUP_FIELD_NAMES, isGroupField, type GroupField } from '../lib/stats/group-fields';
import { MIN_CELL_PATIENTS } from '../lib/stats/small-cells';
import { NO_FILTER } from '../lib/stats/sql';
import { excludedQuery, summaryQuery } from '../lib/stats/summary';
import { installTQuantiles } from '../lib/stats/t-quantiles';
import { importDataset, type DatasetArgs } from './import-dataset';
import { summaryTable, type SummaryRow } from './summary-table';

export interface SummaryArgs extends DatasetArgs {
	json: boolean;
	measure?: string;
	by?: string;
	target?: string;
	threshold?: string;
	minPatients?: string;
}

/** Statistics every group has; target_* are printed only when a target is asked for. */
const STATISTICS = [
	'baseline_mean',
	'improvement_mean',
	'improvement_sd',
	'ci_low',
	'ci_high',
	'srm',
	'responders',
	'responder_rate',
	'responder_ci_low',
	'responder_ci_high'
] as const;
const TARGET = ['target_n', 'target_rate', 'target_ci_low', 'target_ci_high'] as const;

/** Problems with what was asked, in plain words (exit 1, as a refused import). */
function refuse(message: string): never {
	throw new Error(message);
}

function groupFields(text: string | undefined): GroupField[] {
	const known = `one or more of ${GROUP_FIELD_NAMES.join(', ')}, separated by commas`;
	if (!text?.trim()) refuse(`Say what to group by: --by ${known}.`);
	const fields = text.split(',').map((f) => f.trim());
	const unknown = fields.filter((f) => !isGroupField(f));
	if (unknown.length) refuse(`Cannot group by ${unknown.join(', ')}: --by takes ${known}.`);
	if (new Set(fields).size < fields.length) refuse(`--by names a field twice: ${text}.`);
	return fields as GroupField[];
}

function number(flag: string, text: string | undefined): number | null {
	if (text === undefined) return null;
	const value = Number(text.trim());
	if (!text.trim() || !Number.isFinite(value)) refuse(`${flag} ${text} is not a number.`);
	return value;
}

function wholeNumber(flag: string, text: string | undefined, fallback: number): number {
	const value = number(flag, text) ?? fallback;
	if (!Number.isSafeInteger(value) || value < 1) refuse(`${flag} takes a whole number ≥ 1.`);
	return value;
}

/**
 * Imports the files as `import` does, then prints outcome per group of episodes of care for one
 * measure: summaryQuery and excludedQuery, the very builders the dashboard runs.
 */
export async function runSummary(args: SummaryArgs): Promise<string> {
	const by = groupFields(args.by);
	const target = number('--target', args.target);
	const threshold = number('--threshold', args.threshold);
	const minPatients = wholeNumber('--min-patients', args.minPatients, MIN_CELL_PATIENTS);
	if (!args.measure?.trim()) refuse('Say which measure to summarise: --measure <key>.');
	const { db } = await importDataset(args, installTQuantiles);
	try {
		const measures = rowObjects<{ key: string; label: string }>(await db.query(measuresQuery()));
		const measure = measures.find((m) => m.key === args.measure?.trim());
		if (!measure) {
			const keys = measures.map((m) => m.key).join(', ');
			refuse(`This dataset has no measure "${args.measure}"; its measures are ${keys}.`);
		}
		const options = { measure: measure.key, filter: NO_FILTER, by, minPatients, threshold, target };
		const rows = rowObjects<Record<string, unknown>>(await db.query(summaryQuery(options)));
		const excludedRows = rowObjects<{ excluded: string; n: number }>(
			await db.query(excludedQuery(options))
		);
		const fields = target === null ? STATISTICS : [...STATISTICS, ...TARGET];
		const groups: SummaryRow[] = rows.map((row) => ({
			key: Object.fromEntries(by.map((f) => [f, row[f] as string | number | null])),
			n: row.n as number,
			patients: row.patients as number,
			suppressed: row.suppressed as boolean,
			...Object.fromEntries(fields.map((f) => [f, row[f] as number | null]))
		}));
		const excluded = Object.fromEntries(excludedRows.map((r) => [r.excluded, r.n]));
		if (!args.json) return summaryTable({ measure, by, groups, excluded, minPatients, target });
		return JSON.stringify({ measure: measure.key, by, groups, excluded });
	} finally {
		await db.close();
	}
}
