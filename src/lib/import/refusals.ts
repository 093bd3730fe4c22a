import type { LocalEngine } from '../engine/engine';
import { PlainError } from '../errors/user-error';
import type { StagedFile } from './readers/types';
import { REASON_FIXES, reasonLabel } from './reasons';

/** Files that have a header but no data row: there is nothing in them to import. */
export const emptyFiles = (files: readonly StagedFile[]) =>
	files.filter((f) => f.rows === 0).map((f) => `No data rows in ${f.file}.`);

/** An import of a file without data rows is refused before anything is built. */
export function refuseEmptyFiles(files: readonly StagedFile[]): void {
	const [empty] = emptyFiles(files);
	if (empty) throw new PlainError(`${empty} Nothing was imported.`);
}

/**
 * An import in which every row was rejected is refused rather than shown as an empty dataset:
 * it says how many rows, the main reason in plain words, and the field to map.
 */
export async function refuseAllRejected(db: LocalEngine, files: readonly StagedFile[]) {
	const t = await db.query({
		sql: `SELECT (SELECT count(*) FROM cand_rows WHERE reason IS NULL)::INTEGER AS accepted,
			(SELECT count(*) FROM cand_rows)::INTEGER AS n, reason, count(*)::INTEGER AS k
		FROM cand_rows GROUP BY reason ORDER BY k DESC, reason LIMIT 1`
	});
	const { accepted, n, reason, k } = t.get(0)!.toJSON() as {
		accepted: number;
		n: number;
		reason: string;
		k: number;
	};
	if (accepted > 0) return;
	const where = files.map((f) => f.file).join(', ');
	const most = k === n ? `all ${n}` : `${k} of the ${n}`;
	throw new PlainError(
		`Nothing was imported: every row of ${where} was rejected, ${most} as "${reasonLabel(reason)}". ${REASON_FIXES[reason] ?? ''}`.trim()
	);
}
