/**
 * A metric response as an Arrow IPC stream. Values go into typed columns (suppressed values
 * are null); what makes the numbers readable — k, scope, every column's kind, the list of
 * suppressed cells with their reasons, and extra fields such as notes — goes into the schema
 * metadata, so suppression survives the format: a null listed in `weegwijzer.suppressed` is a
 * suppressed value, not a missing one.
 */
import { Bool, Field, Float64, Int32, makeData, RecordBatch, Schema, Struct, Table, tableToIPC, Utf8, vectorFromArray, type DataType } from 'apache-arrow';

export interface MetricColumnLike {
  name: string;
  kind: string;
}
export interface MetricResponseLike {
  metric: string;
  k: number;
  scope: unknown;
  columns: MetricColumnLike[];
  rows: Record<string, unknown>[];
  suppressed: unknown[];
  [extra: string]: unknown;
}

export const ARROW_STREAM_TYPE = 'application/vnd.apache.arrow.stream';

type Converted = { type: DataType; values: unknown[] };

function convert(kind: string, raw: unknown[]): Converted {
  const present = raw.filter((v) => v !== null && v !== undefined);
  if (present.length > 0 && present.every((v) => typeof v === 'boolean')) return { type: new Bool(), values: raw.map((v) => v ?? null) };
  if (present.every((v) => typeof v === 'number')) {
    const integral = present.every((v) => Number.isInteger(v) && Math.abs(v as number) < 2 ** 31);
    if (kind === 'count' || (kind === 'dimension' && integral && present.length > 0)) {
      if (integral) return { type: new Int32(), values: raw.map((v) => v ?? null) };
    }
    if (kind !== 'dimension' || present.length > 0) return { type: new Float64(), values: raw.map((v) => v ?? null) };
  }
  return {
    type: new Utf8(),
    values: raw.map((v) => (v === null || v === undefined ? null : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v))),
  };
}

export function metricToArrowIpc(response: MetricResponseLike): Uint8Array {
  const { metric, k, scope, columns, rows, suppressed, ...extra } = response;
  const converted = columns.map((c) =>
    convert(
      c.kind,
      rows.map((r) => r[c.name]),
    ),
  );
  const fields = columns.map((c, i) => new Field(c.name, converted[i].type, true, new Map([['weegwijzer.kind', c.kind]])));
  const metadata = new Map<string, string>([
    ['weegwijzer.metric', metric],
    ['weegwijzer.k', String(k)],
    ['weegwijzer.scope', JSON.stringify(scope)],
    ['weegwijzer.columns', JSON.stringify(columns)],
    ['weegwijzer.suppressed', JSON.stringify(suppressed)],
  ]);
  if (Object.keys(extra).length > 0) metadata.set('weegwijzer.extra', JSON.stringify(extra));
  const schema = new Schema(fields, metadata);
  const children = converted.map((c) => vectorFromArray(c.values, c.type).data[0]);
  const struct = makeData({ type: new Struct(fields), length: rows.length, nullCount: 0, children });
  const table = new Table(schema, [new RecordBatch(schema, struct)]);
  return tableToIPC(table, 'stream');
}
