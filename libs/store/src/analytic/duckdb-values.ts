/**
 * Converts DuckDB values to the plain JS values QueryFn promises (libs/contract):
 * BIGINT/HUGEINT/DECIMAL -> number, DATE -> 'YYYY-MM-DD', TIMESTAMP -> ISO string,
 * LIST/ARRAY -> array, STRUCT -> object.
 */
import {
  DuckDBDateValue,
  DuckDBTypeId,
  DuckDBValueConverter,
  JSDuckDBValueConverter,
  type DuckDBDataChunk,
  type DuckDBMaterializedResult,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { objectLiteralFactory } from '@weegwijzer/contract';

export const plainValueConverter: DuckDBValueConverter<unknown> = (value: DuckDBValue, type: DuckDBType, self) => {
  if (value === null) return null;
  // VARCHAR, the small integers, DOUBLE and BOOLEAN arrive as JS primitives, which the JS
  // converter would return unchanged: skip its dispatch (most values of a metric query).
  const t = typeof value;
  if (t === 'string' || t === 'number' || t === 'boolean') return value;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return Number(value as bigint);
    case DuckDBTypeId.DATE:
      return (value as DuckDBDateValue).toString();
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ: {
      const d = JSDuckDBValueConverter(value, type, JSDuckDBValueConverter) as Date | null;
      return d ? d.toISOString() : null;
    }
    default:
      // Recurse with this converter so nested lists/structs get the same treatment.
      return JSDuckDBValueConverter(value, type, self as DuckDBValueConverter<unknown> as never);
  }
};

/** Builds one row from the columns at a row index. */
type RowMaker = (columns: readonly unknown[][], i: number) => Record<string, unknown>;

/**
 * A row maker per column list: an object literal with the columns as fields
 * (`objectLiteralFactory`), so every row is created in one step with its final shape
 * (assigning the fields one by one by name took half of the conversion of a few thousand
 * rows). A result whose names cannot be literal fields (not a plain identifier, `__proto__`,
 * a name twice, more than 64 columns) is built field by field instead, as before.
 */
const ROW_MAKERS = new Map<string, RowMaker>();
const MAX_ROW_MAKERS = 512;

function rowMaker(names: readonly string[]): RowMaker {
  // (JSON: a name may hold any character, so a plain join could give two lists one key)
  const key = JSON.stringify(names);
  let make = ROW_MAKERS.get(key);
  if (make) return make;
  make =
    objectLiteralFactory<RowMaker>(names, ['columns', 'i'], (c) => `columns[${c}][i]`) ??
    ((columns, i) => {
      const row: Record<string, unknown> = {};
      for (let c = 0; c < names.length; c++) row[names[c]] = columns[c][i];
      return row;
    });
  if (ROW_MAKERS.size >= MAX_ROW_MAKERS) ROW_MAKERS.clear();
  ROW_MAKERS.set(key, make);
  return make;
}

/** Types whose values `getItem` gives as JS primitives (or null), which plainValueConverter returns unchanged. */
const PRIMITIVE_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.BOOLEAN,
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.VARCHAR,
  DuckDBTypeId.ENUM,
]);

/** Types whose values `getItem` gives as bigint (or null), which plainValueConverter turns into numbers. */
const BIGINT_TYPES = new Set<DuckDBTypeId>([DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT]);

/**
 * One column of the chunks as plain values (what plainValueConverter gives for each value):
 * the common types read straight from the vectors, without a converter call per value. The
 * type is each vector's own (node-api works it out per vector anyway; asking the result for
 * its column types as well would build every ENUM's values once more).
 */
function plainColumn(chunks: readonly DuckDBDataChunk[], c: number, rowCount: number): unknown[] {
  const out = new Array<unknown>(rowCount);
  let at = 0;
  for (const chunk of chunks) {
    const vector = chunk.getColumnVector(c);
    const type = vector.type;
    const n = vector.itemCount;
    if (PRIMITIVE_TYPES.has(type.typeId)) for (let i = 0; i < n; i++) out[at++] = vector.getItem(i);
    else if (BIGINT_TYPES.has(type.typeId)) {
      for (let i = 0; i < n; i++) {
        const v = vector.getItem(i);
        out[at++] = v === null ? null : Number(v as bigint);
      }
    } else for (let i = 0; i < n; i++) out[at++] = plainValueConverter(vector.getItem(i), type, plainValueConverter);
  }
  return out;
}

/**
 * A materialized result as row objects of plain values (plainValueConverter), built from its
 * columns: every row gets its fields in the same order (one object shape). The chunks are
 * read synchronously and the common column types without a converter call per value.
 */
export function plainRowObjects(result: DuckDBMaterializedResult): Record<string, unknown>[] {
  const names = result.columnNames();
  const chunks: DuckDBDataChunk[] = [];
  let n = 0;
  for (let i = 0; i < result.chunkCount; i++) {
    const chunk = result.getChunk(i);
    chunks.push(chunk);
    n += chunk.rowCount;
  }
  const columns = names.map((_, c) => plainColumn(chunks, c, n));
  const make = rowMaker(names);
  const rows = new Array<Record<string, unknown>>(n);
  for (let i = 0; i < n; i++) rows[i] = make(columns, i);
  return rows;
}
