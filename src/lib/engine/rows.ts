import { DataType, type Data, type Table, type Vector } from 'apache-arrow';

/**
 * apache-arrow decodes text with a TextDecoder whose default drops a leading U+FEFF (pitfalls.md):
 * a cell holding only a byte-order mark would read as empty. Text is decoded here from the value
 * bytes instead, keeping every character.
 */
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

function chunkTexts(data: Data): (string | null)[] {
	const { valueOffsets: at, values } = data as Data & { valueOffsets: ArrayLike<number | bigint> };
	return Array.from({ length: data.length }, (_, i) =>
		data.getValid(i)
			? utf8.decode((values as Uint8Array).subarray(Number(at[i]), Number(at[i + 1])))
			: null
	);
}

/** The column's texts verbatim, for text and dictionary-of-text (ENUM) columns; else null. */
function verbatimTexts(vector: Vector): (string | null)[] | null {
	const { type } = vector;
	if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return vector.data.flatMap(chunkTexts);
	if (DataType.isDictionary(type) && DataType.isUtf8(type.dictionary)) {
		return vector.data.flatMap((data) => {
			const words = data.dictionary ? verbatimTexts(data.dictionary) : [];
			const codes = data.values as ArrayLike<number | bigint>;
			return Array.from({ length: data.length }, (_, i) =>
				data.getValid(i) ? (words?.[Number(codes[i])] ?? null) : null
			);
		});
	}
	return null;
}

/**
 * A (small, aggregated) result as plain row objects, for display and reports. Never for session
 * rows: those stay in DuckDB. Text comes back exactly as stored.
 */
export function rowObjects<T = Record<string, unknown>>(table: Table | null | undefined): T[] {
	if (!table) return [];
	const objects = table.toArray().map((row) => row.toJSON() as Record<string, unknown>);
	for (const field of table.schema.fields) {
		const texts = verbatimTexts(table.getChild(field.name)!);
		if (texts) objects.forEach((o, i) => (o[field.name] = texts[i]));
	}
	return objects as T[];
}
