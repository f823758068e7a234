/**
 * Arrow IPC (file or stream): read with Arrow JS and appended to `stg_<kind>` in chunks
 * (both passes read the staging table); the row count comes from the record batch headers.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { DuckDBDataChunk, INTEGER, VARCHAR } from '@duckdb/node-api';
import { Bool, DateDay, Int8, Message, Table, tableFromIPC, tableToIPC, Type, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { COLUMNS_BY_FILE } from '@weegwijzer/contract';
import { ArrowSink } from '../demo/sinks';
import { quoteIdent } from '../validate/sql';
import { FormatReadError, type FormatReader } from './format';

export const ARROW_FORMAT: FormatReader = {
  label: 'Arrow IPC',
  extensions: ['arrow'],
  contractDoc: 'Arrow IPC file (or stream) format, same column types as Parquet (`Utf8`, `Date32`, `Int8`…, `Bool`).',
  lineBased: false,
  rowsMayOmitColumns: false,
  bothKindsInOneFile: false,

  async open(target) {
    const { conn, contract, table } = target;
    const arrow = tableFromIPC(readFileSync(target.path));
    const names = arrow.schema.fields.map((f) => f.name);
    target.checkColumns(names, true);
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${table} (_row INTEGER, ${contract.map((c) => `${quoteIdent(c)} VARCHAR`).join(', ')})`);
    const appender = await conn.createAppender(table, 'main', 'temp');
    const types = [INTEGER, ...contract.map(() => VARCHAR)];
    let row = 0;
    try {
      for (const batch of arrow.batches) {
        const vectors = contract.map((c) => {
          const idx = names.indexOf(c);
          return idx >= 0 ? (batch.getChildAt(idx) as Vector | null) : null;
        });
        for (const v of vectors) if (v) assertUtf8(v);
        for (let start = 0; start < batch.numRows; start += 2048) {
          const n = Math.min(2048, batch.numRows - start);
          const chunk = DuckDBDataChunk.create(types, n);
          chunk.setColumnValues(
            0,
            Array.from({ length: n }, (_, i) => row + start + i + 1),
          );
          vectors.forEach((v, ci) => {
            const values: (string | null)[] = new Array(n);
            for (let i = 0; i < n; i++) values[i] = v ? arrowValueToString(v, start + i) : null;
            chunk.setColumnValues(ci + 1, values);
          });
          appender.appendDataChunk(chunk);
        }
        row += batch.numRows;
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    return { staged: true };
  },

  metadataRows: async (_conn, path) => arrowRowCount(path),

  sink: (path, columns) => new ArrowSink(path, columns),

  async writeFixture(path, kind, rows, columns) {
    const specs = new Map(COLUMNS_BY_FILE[kind].map((s) => [s.name, s]));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const data: Record<string, Vector<any>> = {};
    for (const c of columns) {
      const spec = specs.get(c);
      const values = rows.map((r) => r[c] ?? null);
      const typed = values.every((x) => x === null || typeof x !== 'string' || spec?.type === 'date');
      if (spec?.type === 'date' && values.every((x) => x === null || /^\d{4}-\d{2}-\d{2}$/.test(String(x))))
        data[c] = vectorFromArray(
          values.map((x) => (x === null ? null : new Date(`${x}T00:00:00Z`))),
          new DateDay(),
        );
      else if (spec?.type === 'int' && typed) data[c] = vectorFromArray(values as (number | null)[], new Int8());
      else if (spec?.type === 'bool' && typed && values.every((x) => x === null || typeof x === 'boolean')) data[c] = vectorFromArray(values as (boolean | null)[], new Bool());
      else
        data[c] = vectorFromArray(
          values.map((x) => (x === null ? null : String(x))),
          new Utf8(),
        );
    }
    writeFileSync(path, tableToIPC(new Table(data), 'file'));
  },
};

/**
 * Rows of an Arrow IPC file (or stream) from its record batch headers alone: each message's
 * metadata is read and its body skipped, so the count costs a few small reads whatever the size.
 */
export function arrowRowCount(path: string): number {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(8);
    readSync(fd, head, 0, 8, 0);
    let pos = head.subarray(0, 6).toString('latin1') === 'ARROW1' ? 8 : 0;
    let rows = 0;
    while (pos + 8 <= size) {
      readSync(fd, head, 0, 8, pos);
      let length = head.readInt32LE(0);
      let prefix = 4;
      if (length === -1) {
        length = head.readInt32LE(4);
        prefix = 8;
      }
      if (length === 0) break; // end of stream (the file footer follows)
      if (length < 0 || pos + prefix + length > size) throw new Error('broken Arrow message framing');
      const meta = Buffer.alloc(length);
      readSync(fd, meta, 0, length, pos + prefix);
      const message = Message.decode(meta);
      if (message.isRecordBatch()) rows += Number(message.header().length);
      pos += prefix + length + Number(message.bodyLength);
    }
    return rows;
  } finally {
    closeSync(fd);
  }
}

/** Arrow JS decodes invalid UTF-8 leniently; check the raw string bytes ourselves. */
function assertUtf8(v: Vector): void {
  const typeId = v.type.typeId;
  if (typeId !== Type.Utf8 && typeId !== Type.LargeUtf8) return;
  for (const d of v.data) if (d.values && !isUtf8(d.values as Uint8Array)) throw new FormatReadError('FILE_NOT_UTF8');
}

function arrowValueToString(v: Vector, i: number): string | null {
  const value: unknown = v.get(i);
  if (value === null || value === undefined) return null;
  switch (v.type.typeId) {
    case Type.Date:
      return new Date(value as number).toISOString().slice(0, 10);
    case Type.Timestamp:
      return new Date(Number(value)).toISOString();
    default:
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
      return JSON.stringify(value);
  }
}
