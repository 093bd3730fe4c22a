import type { ExtractShape } from './extract-sql';
import type { DeidOptions } from './options';

/**
 * The dataset's session columns that the allow-list (extract-sql.ts) leaves out, and why; then
 * the source's columns the import never took in (known only where the files are: the command
 * line), which no export can hold.
 */
export function removedColumns(
	shape: ExtractShape,
	source: DeidOptions['sourceColumns']
): { column: string; reason: string }[] {
	const removed = [
		{ column: 'patient id', reason: 'direct identifier: replaced by a random pseudonym' },
		{
			column: 'session date',
			reason: shape.visitAxis
				? 'date: none in this dataset (its time axis is the visit number)'
				: 'date: replaced by days since the episode’s first session'
		},
		{ column: 'session id', reason: 'record number' },
		{ column: 'episode id', reason: 'follows the patients’ ids: renumbered within the patient' },
		{ column: 'source file, row and sheet row', reason: 'record numbers' },
		...(shape.visitAxis ? [] : [{ column: 'visit', reason: 'not needed: the dataset has dates' }]),
		...(shape.includeNotes
			? []
			: [{ column: 'notes', reason: 'free text, which can hold names and dates' }])
	];
	const unmapped = source
		.filter((c) => c.mappedTo === null)
		.map((c) => ({
			column: `${c.file}: ${c.column}`,
			reason: 'not imported (not mapped to a field)'
		}));
	const reasons: Record<string, string> = {
		patient: 'patient id: replaced by a random pseudonym',
		date: 'dates: replaced by days since the episode’s first session',
		age: 'exact age: only its band is exported (90+ pooled)',
		...(shape.includeNotes ? {} : { notes: 'free text, which can hold names and dates' })
	};
	const raw = source
		.filter((c) => c.mappedTo !== null && c.mappedTo in reasons)
		.map((c) => ({ column: `${c.file}: ${c.column}`, reason: reasons[c.mappedTo!]! }));
	return [...removed, ...raw, ...unmapped];
}
