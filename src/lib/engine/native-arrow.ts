import {
	Bool,
	DateDay,
	Float32,
	Float64,
	Int16,
	Int32,
	Int8,
	makeTable,
	Table,
	TimestampMicrosecond,
	Uint16,
	Uint32,
	Uint8,
	Utf8,
	vectorFromArray,
	type DataType,
	type Vector
} from 'apache-arrow';
import {
	DuckDBDateValue,
	DuckDBDecimalValue,
	DuckDBTimestampTZValue,
	DuckDBTimestampValue,
	DuckDBTypeId,
	type DuckDBResultReader,
	type DuckDBValue
} from '@duckdb/node-api';

/**
 * How native DuckDB's values become the Arrow columns duckdb-wasm gives the app (checked type by
 * type against it in native-engine.test.ts), so every reader of a result sees the same thing on
 * both engines. Counts and other 64-bit integers are doubles, as DUCKDB_OPEN_CONFIG asks of wasm
 * (castBigIntToDouble). HUGEINTs (a sum of BIGINTs) and decimals become doubles too, where wasm
 * hands over Arrow decimals, whose JS values are raw words: the app casts those in SQL. ENUMs become their labels as text. Anything else — lists,
 * structs, intervals, times, blobs, UUIDs — becomes DuckDB's own text for it, which is what the
 * research console shows for every value anyway (it casts to VARCHAR in SQL).
 * One difference remains: @duckdb/node-api decodes text with a default TextDecoder, which drops
 * a leading U+FEFF, as apache-arrow's does (pitfalls.md); wasm's text reaches rowObjects intact.
 * Nothing the app shows is built from such a value read back (domains are built in SQL).
 */
interface Column {
	type: DataType;
	value: (v: DuckDBValue) => unknown;
}

const asNumber = (v: DuckDBValue) => Number(v as number | bigint);
const same = (v: DuckDBValue) => v;
const micros = (v: DuckDBValue) =>
	Number((v as DuckDBTimestampValue | DuckDBTimestampTZValue).micros / 1000n);

const COLUMNS: Partial<Record<DuckDBTypeId, Column>> = {
	[DuckDBTypeId.BOOLEAN]: { type: new Bool(), value: same },
	[DuckDBTypeId.TINYINT]: { type: new Int8(), value: same },
	[DuckDBTypeId.SMALLINT]: { type: new Int16(), value: same },
	[DuckDBTypeId.INTEGER]: { type: new Int32(), value: same },
	[DuckDBTypeId.UTINYINT]: { type: new Uint8(), value: same },
	[DuckDBTypeId.USMALLINT]: { type: new Uint16(), value: same },
	[DuckDBTypeId.UINTEGER]: { type: new Uint32(), value: same },
	[DuckDBTypeId.BIGINT]: { type: new Float64(), value: asNumber },
	[DuckDBTypeId.UBIGINT]: { type: new Float64(), value: asNumber },
	[DuckDBTypeId.HUGEINT]: { type: new Float64(), value: asNumber },
	[DuckDBTypeId.UHUGEINT]: { type: new Float64(), value: asNumber },
	[DuckDBTypeId.FLOAT]: { type: new Float32(), value: same },
	[DuckDBTypeId.DOUBLE]: { type: new Float64(), value: same },
	[DuckDBTypeId.DECIMAL]: {
		type: new Float64(),
		value: (v) => (v as DuckDBDecimalValue).toDouble()
	},
	[DuckDBTypeId.VARCHAR]: { type: new Utf8(), value: same },
	[DuckDBTypeId.ENUM]: { type: new Utf8(), value: same },
	// Arrow's date and timestamp builders take milliseconds since the epoch, as wasm's columns give.
	[DuckDBTypeId.DATE]: {
		type: new DateDay(),
		value: (v) => (v as DuckDBDateValue).days * 86_400_000
	},
	[DuckDBTypeId.TIMESTAMP]: { type: new TimestampMicrosecond(), value: micros },
	[DuckDBTypeId.TIMESTAMP_TZ]: { type: new TimestampMicrosecond('UTC'), value: micros }
};

const AS_TEXT: Column = { type: new Utf8(), value: (v) => String(v) };

/** A whole (read) result as one Arrow table, column names and order kept. */
export function readerToArrow(reader: DuckDBResultReader): Table {
	const columns = reader.getColumns();
	const vectors: Record<string, Vector> = {};
	reader.deduplicatedColumnNames().forEach((name, i) => {
		const { type, value } = COLUMNS[reader.columnTypeId(i)] ?? AS_TEXT;
		const values = (columns[i] ?? []).map((v) => (v === null ? null : value(v)));
		vectors[name] = vectorFromArray(values, type);
	});
	return new Table(vectors);
}

/** An empty table with no columns (a statement that returns nothing, e.g. CREATE). */
export const emptyTable = () => makeTable({});
