import {
	Bool,
	DateDay,
	Decimal,
	Field,
	List,
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
	DuckDBDecimalType,
	DuckDBDecimalValue,
	DuckDBListType,
	DuckDBTimestampTZValue,
	DuckDBTimestampValue,
	DuckDBTypeId,
	type DuckDBListValue,
	type DuckDBResultReader,
	type DuckDBType,
	type DuckDBValue
} from '@duckdb/node-api';

/**
 * How native DuckDB's values become the Arrow columns duckdb-wasm gives the app (checked type by
 * type against it in native-engine.test.ts), so every reader of a result sees the same thing on
 * both engines. Counts and other 64-bit integers are doubles, as DUCKDB_OPEN_CONFIG asks of wasm
 * (castBigIntToDouble). HUGEINTs (a sum of BIGINTs) and decimals are Arrow decimals, as wasm
 * hands them over (their JS values are raw words: the app casts such sums in SQL). Lists are
 * Arrow lists. ENUMs become their labels as text. Anything else —
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

/**
 * An unscaled 128-bit integer as Arrow's decimal words (four 32-bit words, least significant
 * first, two's complement): how duckdb-wasm's HUGEINT and DECIMAL columns arrive.
 */
function decimalWords(unscaled: bigint): Uint32Array {
	let bits = BigInt.asUintN(128, unscaled);
	const words = new Uint32Array(4);
	for (let i = 0; i < 4; i++, bits >>= 32n) words[i] = Number(bits & 0xffffffffn);
	return words;
}

const SIMPLE: Partial<Record<DuckDBTypeId, Column>> = {
	[DuckDBTypeId.BOOLEAN]: { type: new Bool(), value: same },
	[DuckDBTypeId.TINYINT]: { type: new Int8(), value: same },
	[DuckDBTypeId.SMALLINT]: { type: new Int16(), value: same },
	[DuckDBTypeId.INTEGER]: { type: new Int32(), value: same },
	[DuckDBTypeId.UTINYINT]: { type: new Uint8(), value: same },
	[DuckDBTypeId.USMALLINT]: { type: new Uint16(), value: same },
	[DuckDBTypeId.UINTEGER]: { type: new Uint32(), value: same },
	[DuckDBTypeId.BIGINT]: { type: new Float64(), value: asNumber },
	[DuckDBTypeId.UBIGINT]: { type: new Float64(), value: asNumber },
	[DuckDBTypeId.HUGEINT]: {
		type: new Decimal(0, 38, 128),
		value: (v) => decimalWords(v as bigint)
	},
	[DuckDBTypeId.FLOAT]: { type: new Float32(), value: same },
	[DuckDBTypeId.DOUBLE]: { type: new Float64(), value: same },
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

function column(type: DuckDBType): Column {
	if (type instanceof DuckDBDecimalType) {
		return {
			type: new Decimal(type.scale, type.width, 128),
			value: (v) => decimalWords((v as DuckDBDecimalValue).value)
		};
	}
	if (type instanceof DuckDBListType) {
		const item = column(type.valueType);
		return {
			type: new List(new Field('l', item.type, true)),
			value: (v) => (v as DuckDBListValue).items.map((x) => (x === null ? null : item.value(x)))
		};
	}
	return SIMPLE[type.typeId] ?? AS_TEXT;
}

/** A whole (read) result as one Arrow table, column names and order kept. */
export function readerToArrow(reader: DuckDBResultReader): Table {
	const columns = reader.getColumns();
	const vectors: Record<string, Vector> = {};
	reader.deduplicatedColumnNames().forEach((name, i) => {
		const { type, value } = column(reader.columnType(i));
		const values = (columns[i] ?? []).map((v) => (v === null ? null : value(v)));
		vectors[name] = vectorFromArray(values, type);
	});
	return new Table(vectors);
}

/** An empty table with no columns (a statement that returns nothing, e.g. CREATE). */
export const emptyTable = () => makeTable({});
