import {
	Field,
	Int32,
	makeData,
	RecordBatch,
	Schema,
	Struct,
	Table,
	Utf8,
	type Data
} from 'apache-arrow';
import type { LocalEngine } from '../../engine/engine';
import type { Cell } from './cell-text';
import {
	SHEET_ROW,
	SOURCE_ROW,
	type Format,
	type ReadProgress,
	type SourceFile,
	type StagedFile
} from './types';

/** Rows per Arrow record batch: big enough to be cheap, small enough to free JS strings early. */
const CHUNK_ROWS = 8192;

export interface StagingRowsOptions {
	/** Excel: keep the sheet's own row number beside the record number. */
	sheetRow?: boolean;
	/** Told the record count each time a batch is finished. */
	onChunk?: (rows: number) => void;
}

/**
 * Collects records column by column and turns them into Arrow record batches as it goes, so a
 * large file is held as compact Arrow buffers rather than as millions of small JS objects.
 */
export class StagingRows {
	/** Records kept (numbered 1, 2, … in source order). */
	rows = 0;
	/** Records whose every cell was empty: skipped, not numbered. */
	blank = 0;
	private readonly schema: Schema;
	private readonly batches: RecordBatch[] = [];
	private numbers: number[] = [];
	private sheetRows: number[] = [];
	private cells: Cell[][];

	constructor(
		readonly columns: readonly string[],
		private readonly options: StagingRowsOptions = {}
	) {
		// Built in order from a list, never from an object: keys like "2024" would be reordered.
		const bookkeeping = [SOURCE_ROW, ...(options.sheetRow ? [SHEET_ROW] : [])];
		this.schema = new Schema([
			...bookkeeping.map((name) => new Field(name, new Int32(), false)),
			...columns.map((name) => new Field(name, new Utf8(), true))
		]);
		this.cells = columns.map(() => []);
	}

	/** Adds one source record; cells beyond those given are NULL. */
	add(cells: readonly Cell[], sheetRow = 0): void {
		if (cells.every((cell) => cell === null)) {
			this.blank++;
			return;
		}
		this.numbers.push(++this.rows);
		if (this.options.sheetRow) this.sheetRows.push(sheetRow);
		for (let c = 0; c < this.columns.length; c++) this.cells[c]!.push(cells[c] ?? null);
		if (this.numbers.length === CHUNK_ROWS) this.flush();
	}

	/** Every record as one Arrow table (always at least one batch, so the schema survives IPC). */
	toArrow(): Table {
		if (this.numbers.length > 0 || this.batches.length === 0) this.flush();
		return new Table(this.schema, this.batches);
	}

	private flush(): void {
		const length = this.numbers.length;
		const children: Data[] = [makeData({ type: new Int32(), data: Int32Array.from(this.numbers) })];
		if (this.options.sheetRow) {
			children.push(makeData({ type: new Int32(), data: Int32Array.from(this.sheetRows) }));
		}
		for (const column of this.cells) children.push(utf8Data(column));
		const struct = makeData({
			type: new Struct(this.schema.fields),
			length,
			nullCount: 0,
			children
		});
		this.batches.push(new RecordBatch(this.schema, struct));
		this.numbers = [];
		this.sheetRows = [];
		this.cells = this.columns.map(() => []);
		this.options.onChunk?.(this.rows);
	}
}

/**
 * A Utf8 column (never Dictionary) straight from its buffers. Arrow's builders would be simpler,
 * but with null values they compile a test with `new Function`, which the app's CSP forbids.
 */
function utf8Data(cells: readonly Cell[]): Data<Utf8> {
	const encoder = new TextEncoder();
	const valueOffsets = new Int32Array(cells.length + 1);
	const nullBitmap = new Uint8Array((cells.length + 7) >> 3);
	// UTF-8 takes at most 3 bytes per UTF-16 code unit.
	const buffer = new Uint8Array(3 * cells.reduce((n, cell) => n + (cell?.length ?? 0), 0));
	let end = 0;
	let nullCount = 0;
	cells.forEach((cell, i) => {
		if (cell === null) nullCount++;
		else {
			end += encoder.encodeInto(cell, buffer.subarray(end)).written;
			nullBitmap[i >> 3]! |= 1 << (i & 7);
		}
		valueOffsets[i + 1] = end;
	});
	const data = buffer.slice(0, end);
	return makeData({
		type: new Utf8(),
		length: cells.length,
		nullCount,
		nullBitmap,
		valueOffsets,
		data
	});
}

/** Progress reporter for a reader that knows how many bytes it has consumed. */
export function progressReporter(
	source: SourceFile,
	onProgress: ((progress: ReadProgress) => void) | undefined,
	bytesRead: () => number
): (rows: number) => void {
	return (rows) => onProgress?.({ bytesRead: bytesRead(), totalBytes: source.blob.size, rows });
}

/** Creates the staging table from the collected records and describes what was read. */
export async function stageRows(
	db: LocalEngine,
	source: SourceFile,
	table: string,
	format: Format,
	rows: StagingRows,
	extra: Pick<StagedFile, 'sheets' | 'sheet'> & { notes?: string[] } = {}
): Promise<StagedFile> {
	const { notes = [], ...sheets } = extra;
	await db.insertArrow(table, rows.toArrow());
	if (rows.blank > 0) {
		notes.push(
			`${rows.blank} blank row${rows.blank === 1 ? '' : 's'} skipped (not counted as records).`
		);
	}
	return {
		file: source.name,
		format,
		table,
		columns: [...rows.columns],
		rows: rows.rows,
		notes,
		...sheets
	};
}
