/**
 * Converts DuckDB values to the plain JS values QueryFn promises (libs/contract):
 * BIGINT/HUGEINT/DECIMAL -> number, DATE -> 'YYYY-MM-DD', TIMESTAMP -> ISO string,
 * LIST/ARRAY -> array, STRUCT -> object.
 */
import { DuckDBDateValue, DuckDBTypeId, DuckDBValueConverter, JSDuckDBValueConverter, type DuckDBResultReader, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';

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
 * A row maker per column list: an object literal with the columns as fields, so every row is
 * created in one step with its final shape (assigning the fields one by one by name took half
 * of the conversion of a few thousand rows). The names are only ever used as quoted property
 * keys (JSON string literals), never as code; a result with a name that is not a plain
 * identifier (or is `__proto__`, which a literal would take as the prototype), a name twice,
 * or more than 64 columns is built field by field instead, as before.
 */
const ROW_MAKERS = new Map<string, RowMaker>();
const MAX_ROW_MAKERS = 512;

function rowMaker(names: readonly string[]): RowMaker {
  // (JSON: a name may hold any character, so a plain join could give two lists one key)
  const key = JSON.stringify(names);
  let make = ROW_MAKERS.get(key);
  if (make) return make;
  const literal = names.length <= 64 && new Set(names).size === names.length && names.every((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n) && n !== '__proto__');
  if (literal) {
    const fields = names.map((n, c) => `${JSON.stringify(n)}: columns[${c}][i]`).join(', ');
    make = new Function('columns', 'i', `return { ${fields} };`) as RowMaker;
  } else {
    make = (columns, i) => {
      const row: Record<string, unknown> = {};
      for (let c = 0; c < names.length; c++) row[names[c]] = columns[c][i];
      return row;
    };
  }
  if (ROW_MAKERS.size >= MAX_ROW_MAKERS) ROW_MAKERS.clear();
  ROW_MAKERS.set(key, make);
  return make;
}

/**
 * A result as row objects of plain values (plainValueConverter), built from its converted
 * columns: every row gets its fields in the same order (one object shape), and it costs about
 * three quarters of the reader's own `convertRowObjects` on a few thousand rows.
 */
export function plainRowObjects(reader: DuckDBResultReader): Record<string, unknown>[] {
  const names = reader.columnNames();
  const columns = reader.convertColumns(plainValueConverter);
  const n = reader.currentRowCount;
  const make = rowMaker(names);
  const rows = new Array<Record<string, unknown>>(n);
  for (let i = 0; i < n; i++) rows[i] = make(columns, i);
  return rows;
}
