/**
 * File writers for demo batches. Rows are streamed to disk in large chunks, never held:
 * CSV and JSON Lines directly; Arrow IPC as record batches of 64k rows; Parquet by writing
 * a temporary CSV and converting it with DuckDB (COPY ... FORMAT parquet, typed columns);
 * Excel with exceljs' streaming workbook writer. Each format's reader (etl/src/formats) says
 * which sink writes it.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, rmSync, writeSync } from 'node:fs';
import { Bool, DateDay, Field, Int8, makeData, RecordBatch, RecordBatchFileWriter, Schema, Struct, Utf8, type Data, type DataType } from 'apache-arrow';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ColumnSpec } from '@weegwijzer/contract';
import ExcelJS from 'exceljs';

export interface WrittenFile {
  rows: number;
  sha256: string;
}

export interface FileSink<T> {
  write(row: T): void;
  /** Optional: give buffered output a chance to reach the disk. */
  drain?(): Promise<void>;
  close(): Promise<WrittenFile>;
}

const CHUNK = 1 << 20;

/**
 * Appends text to a file through a 1 MiB buffer, hashing as it goes. Text is copied into
 * the buffer at once, so row strings die young (holding them until a flush made the old
 * generation grow and garbage collection dominate at a million rows).
 */
class ChunkedWriter {
  private readonly fd: number;
  private readonly buf = Buffer.allocUnsafe(CHUNK);
  private offset = 0;
  private readonly hash = createHash('sha256');

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  append(text: string): void {
    if (this.offset + text.length * 3 > CHUNK) {
      this.flush();
      if (text.length * 3 > CHUNK) {
        const big = Buffer.from(text, 'utf8');
        this.hash.update(big);
        writeSync(this.fd, big);
        return;
      }
    }
    this.offset += this.buf.write(text, this.offset, 'utf8');
  }

  private flush(): void {
    if (this.offset === 0) return;
    const view = this.buf.subarray(0, this.offset);
    this.hash.update(view);
    writeSync(this.fd, view);
    this.offset = 0;
  }

  close(): string {
    this.flush();
    closeSync(this.fd);
    return this.hash.digest('hex');
  }
}

function csvValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

/** RFC 4180 CSV, comma separated, LF line ends, header row. Demo values never need quoting. */
export class CsvSink<T extends object> implements FileSink<T> {
  private readonly out: ChunkedWriter;
  private rows = 0;
  private readonly names: string[];

  constructor(path: string, columns: readonly ColumnSpec[]) {
    this.names = columns.map((c) => c.name);
    this.out = new ChunkedWriter(path);
    this.out.append(this.names.join(',') + '\n');
  }

  write(row: T): void {
    const r = row as Record<string, unknown>;
    let line = csvValue(r[this.names[0]]);
    for (let i = 1; i < this.names.length; i++) line += ',' + csvValue(r[this.names[i]]);
    this.out.append(line + '\n');
    this.rows++;
  }

  async close(): Promise<WrittenFile> {
    return { rows: this.rows, sha256: this.out.close() };
  }
}

/** JSON Lines: one object per line, keys in contract order, null for not known. */
export class JsonlSink<T extends object> implements FileSink<T> {
  private readonly out: ChunkedWriter;
  private rows = 0;
  private readonly names: string[];
  /** `{"name":` and `,"name":`, built once (JSON.stringify per row object was the bottleneck). */
  private readonly prefixes: string[];

  constructor(path: string, columns: readonly ColumnSpec[]) {
    this.names = columns.map((c) => c.name);
    this.prefixes = this.names.map((n, i) => `${i === 0 ? '{' : ','}${JSON.stringify(n)}:`);
    this.out = new ChunkedWriter(path);
  }

  write(row: T): void {
    const r = row as Record<string, unknown>;
    let line = '';
    for (let i = 0; i < this.names.length; i++) {
      const v = r[this.names[i]];
      line += this.prefixes[i] + (v === null || v === undefined ? 'null' : typeof v === 'string' ? JSON.stringify(v) : String(v));
    }
    this.out.append(line + '}\n');
    this.rows++;
  }

  async close(): Promise<WrittenFile> {
    return { rows: this.rows, sha256: this.out.close() };
  }
}

const ARROW_BATCH = 65_536;

/**
 * Arrow IPC file format: Utf8 strings, DateDay dates, Int8 scores, Bool booleans; all
 * nullable. Values go straight into column buffers of one record batch (64k rows), so
 * no per-row JS values pile up for the garbage collector; the writer's output is consumed
 * as it is produced, so memory stays at one record batch.
 */
export class ArrowSink<T extends object> implements FileSink<T> {
  private readonly writer = new RecordBatchFileWriter();
  private readonly fd: number;
  private readonly hash = createHash('sha256');
  private readonly consumer: Promise<void>;
  private readonly schema: Schema;
  private readonly names: string[];
  private readonly builders: ColumnBuilder[];
  private buffered = 0;
  private rows = 0;
  private unflushed = false;

  constructor(path: string, columns: readonly ColumnSpec[]) {
    this.schema = new Schema(columns.map((c) => new Field(c.name, arrowType(c), true)));
    this.names = columns.map((c) => c.name);
    const dayCache = new Map<string, number>();
    this.builders = columns.map((c) => new ColumnBuilder(c.type, dayCache));
    const fd = openSync(path, 'w');
    this.fd = fd;
    const hash = this.hash;
    const writer = this.writer;
    this.consumer = (async () => {
      for await (const chunk of writer) {
        hash.update(chunk);
        writeSync(fd, chunk);
      }
    })();
  }

  write(row: T): void {
    const r = row as Record<string, unknown>;
    for (let i = 0; i < this.names.length; i++) this.builders[i].push(this.buffered, r[this.names[i]] ?? null);
    this.buffered++;
    this.rows++;
    if (this.buffered >= ARROW_BATCH) this.flush();
  }

  /** Lets the writer's output reach the file (call between rows now and then). */
  async drain(): Promise<void> {
    if (!this.unflushed) return;
    this.unflushed = false;
    await new Promise((r) => setImmediate(r));
  }

  private flush(): void {
    if (this.buffered === 0 && this.rows > 0) return;
    const length = this.buffered;
    const children = this.builders.map((b) => b.finish(length));
    const data = makeData({ type: new Struct(this.schema.fields), length, nullCount: 0, children });
    this.writer.write(new RecordBatch(this.schema, data));
    this.buffered = 0;
    this.unflushed = true;
  }

  async close(): Promise<WrittenFile> {
    this.flush();
    this.writer.finish();
    await this.consumer;
    closeSync(this.fd);
    return { rows: this.rows, sha256: this.hash.digest('hex') };
  }
}

function arrowType(c: ColumnSpec): DataType {
  return c.type === 'date' ? new DateDay() : c.type === 'int' ? new Int8() : c.type === 'bool' ? new Bool() : new Utf8();
}

/** The buffers of one column for one record batch. */
class ColumnBuilder {
  private validity = new Uint8Array(ARROW_BATCH >> 3);
  private nulls = 0;
  private values: Int8Array | Int32Array | Uint8Array;
  private offsets = new Int32Array(ARROW_BATCH + 1);
  private bytes = Buffer.allocUnsafe(ARROW_BATCH * 32);
  private byteLength = 0;

  constructor(
    private readonly type: ColumnSpec['type'],
    private readonly dayCache: Map<string, number>,
  ) {
    this.values = type === 'int' ? new Int8Array(ARROW_BATCH) : type === 'date' ? new Int32Array(ARROW_BATCH) : new Uint8Array(ARROW_BATCH >> 3);
  }

  push(i: number, v: unknown): void {
    if (v === null) this.nulls++;
    else this.validity[i >> 3] |= 1 << (i & 7);
    if (this.type === 'int') {
      if (v !== null) this.values[i] = v as number;
    } else if (this.type === 'date') {
      if (v !== null) {
        let day = this.dayCache.get(v as string);
        if (day === undefined) this.dayCache.set(v as string, (day = Math.round(Date.parse(`${v as string}T00:00:00Z`) / 86_400_000)));
        this.values[i] = day;
      }
    } else if (this.type === 'bool') {
      if (v === true) this.values[i >> 3] |= 1 << (i & 7);
    } else {
      if (v !== null) {
        const text = v as string;
        if (this.byteLength + text.length * 3 > this.bytes.length) {
          const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.byteLength + text.length * 3));
          this.bytes.copy(grown, 0, 0, this.byteLength);
          this.bytes = grown;
        }
        this.byteLength += this.bytes.write(text, this.byteLength, 'utf8');
      }
      this.offsets[i + 1] = this.byteLength;
    }
  }

  /** The column's Data for `length` rows; resets the builder. */
  finish(length: number): Data {
    const bitmapBytes = (length + 7) >> 3;
    const nullCount = this.nulls;
    const nullBitmap = nullCount > 0 ? this.validity.slice(0, bitmapBytes) : undefined;
    let data: Data;
    if (this.type === 'int') {
      data = makeData({ type: new Int8(), length, nullCount, nullBitmap, data: (this.values as Int8Array).slice(0, length) });
    } else if (this.type === 'date') {
      data = makeData({ type: new DateDay(), length, nullCount, nullBitmap, data: (this.values as Int32Array).slice(0, length) });
    } else if (this.type === 'bool') {
      data = makeData({ type: new Bool(), length, nullCount, nullBitmap, data: (this.values as Uint8Array).slice(0, bitmapBytes) });
    } else {
      const bytes = new Uint8Array(this.byteLength);
      bytes.set(this.bytes.subarray(0, this.byteLength));
      data = makeData({ type: new Utf8(), length, nullCount, nullBitmap, valueOffsets: this.offsets.slice(0, length + 1), data: bytes });
    }
    this.validity.fill(0);
    this.values.fill(0);
    this.nulls = 0;
    this.byteLength = 0;
    this.offsets[0] = 0;
    return data;
  }
}

/** The DuckDB type a contract column gets in Parquet output. */
export function duckdbType(c: ColumnSpec): string {
  return c.type === 'date' ? 'DATE' : c.type === 'int' ? 'TINYINT' : c.type === 'bool' ? 'BOOLEAN' : 'VARCHAR';
}

/** One in-memory DuckDB used for every Parquet conversion of a run (opening one per file is slow). */
export class ParquetConverter {
  private instance: DuckDBInstance | undefined;
  private connection: DuckDBConnection | undefined;

  async convert(csvPath: string, parquetPath: string, columns: readonly ColumnSpec[]): Promise<void> {
    this.instance ??= await DuckDBInstance.create(':memory:');
    this.connection ??= await this.instance.connect();
    const types = columns.map((c) => `${sqlString(c.name)}: ${sqlString(duckdbType(c))}`).join(', ');
    await this.connection.run(
      `COPY (SELECT * FROM read_csv(${sqlString(csvPath)}, header = true, delim = ',', quote = '"', columns = {${types}}))
       TO ${sqlString(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`,
    );
  }

  close(): void {
    this.connection?.closeSync();
    this.instance?.closeSync();
    this.connection = undefined;
    this.instance = undefined;
  }
}

/** Writes CSV to `<path>.tmp.csv`, then converts it to Parquet in DuckDB on close. */
export class ParquetSink<T extends object> implements FileSink<T> {
  private readonly csv: CsvSink<T>;
  private readonly tmp: string;

  constructor(
    private readonly path: string,
    private readonly columns: readonly ColumnSpec[],
    private readonly converter: ParquetConverter,
  ) {
    this.tmp = `${path}.tmp.csv`;
    this.csv = new CsvSink<T>(this.tmp, columns);
  }

  write(row: T): void {
    this.csv.write(row);
  }

  async close(): Promise<WrittenFile> {
    const { rows } = await this.csv.close();
    try {
      await this.converter.convert(this.tmp, this.path, this.columns);
    } finally {
      rmSync(this.tmp, { force: true });
    }
    return { rows, sha256: await sha256File(this.path) };
  }
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Excel through exceljs' streaming writer: one sheet named after the file, codes as text,
 * dates as Excel dates, scores as numbers, booleans as Excel booleans; rows are committed
 * as they come, so memory stays flat.
 */
export class XlsxSink<T extends object> implements FileSink<T> {
  private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly ws: ExcelJS.Worksheet;
  private readonly names: string[];
  private readonly isDate: boolean[];
  private rows = 0;

  constructor(
    private readonly path: string,
    columns: readonly ColumnSpec[],
    sheet: string,
  ) {
    this.wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
    this.ws = this.wb.addWorksheet(sheet);
    this.names = columns.map((c) => c.name);
    this.isDate = columns.map((c) => c.type === 'date');
    columns.forEach((c, i) => {
      if (c.type === 'date') this.ws.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
    });
    this.ws.addRow(this.names).commit();
  }

  write(row: T): void {
    const r = row as Record<string, unknown>;
    const values = this.names.map((n, i) => {
      const v = r[n];
      if (v === null || v === undefined) return null;
      return this.isDate[i] && typeof v === 'string' ? new Date(`${v}T00:00:00Z`) : v;
    });
    this.ws.addRow(values).commit();
    this.rows++;
  }

  async drain(): Promise<void> {
    await new Promise((r) => setImmediate(r));
  }

  async close(): Promise<WrittenFile> {
    this.ws.commit();
    await this.wb.commit();
    return { rows: this.rows, sha256: await sha256File(this.path) };
  }
}
