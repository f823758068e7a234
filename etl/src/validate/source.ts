/**
 * Opens one data file as an all-VARCHAR relation of the contract columns (a column absent
 * from the file is NULL, an empty string is NULL). Only contract columns are ever read
 * out of a file, so unknown columns are reported by name and their values never enter the
 * database.
 *
 * Two ways to read it:
 * - `relation(false)`: a streaming scan without row numbers, for the fast pass that
 *   type-casts every row and flags whether any rule fails;
 * - `stage()`: materialises `stg_<kind>` with `_row` (1-based data row), for the detailed
 *   pass that names file, row, column and rule of every error.
 * JSON Lines and Arrow IPC are always staged first (they are parsed once, then both passes
 * read the staging table).
 *
 * Errors from DuckDB's readers are never passed on: their messages quote file content.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { DuckDBDataChunk, INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { Message, tableFromIPC, Type, type Vector } from 'apache-arrow';
import { COLUMNS_BY_FILE, type FileKind, type InputFormat } from '@weegwijzer/contract';
import { readCsvHeader } from './csv-header';
import { makeError, type ValidationError } from './report';
import type { RuleCode } from './rules';
import { quoteIdent, quoteLiteral } from './sql';

export class SourceFile {
  /** Contract columns present in the file. */
  readonly present = new Set<string>();
  /** Column-level and structural problems (unknown, duplicate, missing columns; broken rows). */
  readonly errors: ValidationError[] = [];
  /** False when the file's structure is broken; row-level checks are then skipped. */
  rowsCheckable = true;
  /** Data rows, once known. */
  rows = 0;
  private staged = false;
  private csv: { delimiter: string; columns: string[] } | null = null;
  private parquetColumns: string[] = [];
  readonly contract: string[];
  readonly table: string;

  constructor(
    private readonly conn: DuckDBConnection,
    readonly kind: FileKind,
    readonly path: string,
    readonly fileName: string,
    readonly format: InputFormat,
  ) {
    this.contract = COLUMNS_BY_FILE[kind].map((c) => c.name);
    this.table = `stg_${kind}`;
  }

  fail(rule: RuleCode, detail?: string, row: number | null = null): void {
    const e = makeError(this.fileName, row, null, rule);
    if (detail) e.detail = detail;
    this.errors.push(e);
    this.rowsCheckable = false;
  }

  /** Reads the header / schema (and stages JSON Lines and Arrow). */
  async open(): Promise<void> {
    try {
      if (this.format === 'csv') {
        const header = await readCsvHeader(this.path);
        if (!header) return this.fail('FILE_UNREADABLE', 'the file has no header row');
        this.csv = header;
        this.checkColumns(header.columns, true);
      } else if (this.format === 'parquet') {
        const described = (await this.conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(this.path)})`)).getRowObjectsJS() as { column_name: string }[];
        this.parquetColumns = described.map((d) => d.column_name);
        this.checkColumns(this.parquetColumns, true);
      } else if (this.format === 'jsonl') {
        await this.stageJsonl();
      } else {
        await this.stageArrow();
      }
    } catch (e) {
      if (e instanceof NotUtf8Error) this.fail('FILE_NOT_UTF8');
      else this.fail('FILE_UNREADABLE', readerErrorDetail(e));
    }
  }

  /** SQL relation with every contract column as VARCHAR (and `_row` when asked). */
  relation(withRow: boolean): string {
    const rowExpr = (expr: string) => (withRow ? `CAST(${expr} AS INTEGER) AS _row, ` : '');
    if (this.staged) return withRow ? this.table : `(SELECT * EXCLUDE (_row) FROM ${this.table})`;
    if (this.format === 'csv') {
      const first = new Map<string, number>();
      this.csv!.columns.forEach((n, i) => first.has(n) || first.set(n, i));
      const cols = this.contract.map((c) => `nullif(${first.has(c) ? `c${first.get(c)}` : 'NULL'}, '') AS ${quoteIdent(c)}`).join(', ');
      return `(SELECT ${rowExpr('row_number() OVER ()')}${cols} FROM ${this.csvScan(false)})`;
    }
    const cols = this.contract
      .map((c) => `nullif(${this.parquetColumns.includes(c) ? `CAST(${quoteIdent(c)} AS VARCHAR)` : 'NULL'}, '') AS ${quoteIdent(c)}`)
      .join(', ');
    return `(SELECT ${rowExpr('file_row_number + 1')}${cols} FROM read_parquet(${quoteLiteral(this.path)}, file_row_number = ${withRow}))`;
  }

  /** The CSV scan with exactly the dialect read from the header; every header column read under a positional alias. */
  private csvScan(collectRejects: boolean): string {
    const { delimiter, columns } = this.csv!;
    const types = `{${columns.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ')}}`;
    const rejects = collectRejects ? `, ignore_errors = true, store_rejects = true, rejects_table = 'rej_${this.kind}', rejects_scan = 'rej_${this.kind}_scan'` : '';
    return `read_csv(${quoteLiteral(this.path)}, auto_detect = false, header = true, delim = ${quoteLiteral(delimiter)},
      quote = '"', escape = '"', columns = ${types}, strict_mode = true, null_padding = false, max_line_size = 1048576${rejects})`;
  }

  /**
   * After a strict CSV read failed: reads again tolerantly to find which rows are broken
   * (DuckDB's reject table gives the line; only line and error type are used).
   */
  async diagnoseCsv(): Promise<void> {
    if (this.format !== 'csv' || !this.csv) return this.fail('FILE_UNREADABLE');
    this.rowsCheckable = false;
    try {
      const counted = (await this.conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${this.csvScan(true)}`)).getRowObjectsJS()[0].n as number;
      const bad = (
        await this.conn.runAndReadAll(`SELECT DISTINCT CAST(line AS INTEGER) AS line, error_type FROM rej_${this.kind} ORDER BY line`)
      ).getRowObjectsJS() as { line: number; error_type: string }[];
      this.rows = counted + new Set(bad.map((b) => b.line)).size;
      if (bad.length === 0) return this.fail('FILE_UNREADABLE');
      for (const b of bad) this.fail(/ENCODING|UNICODE/.test(b.error_type) ? 'FILE_NOT_UTF8' : 'CSV_MALFORMED', undefined, b.line - 1);
    } catch (e) {
      this.fail('FILE_UNREADABLE', readerErrorDetail(e));
    }
  }

  /** Materialises `stg_<kind>` with row numbers for the detailed pass. */
  async stage(): Promise<void> {
    if (this.staged) return;
    await this.conn.run(`CREATE OR REPLACE TEMP TABLE ${this.table} AS SELECT * FROM ${this.relation(true)}`);
    this.staged = true;
  }

  private checkColumns(found: string[], requireAll: boolean): void {
    const known = found.filter((n) => this.contract.includes(n)).length;
    // When hardly any header cell is a contract column the "header" is probably a data row:
    // do not echo its cells.
    const looksLikeHeader = known * 2 >= Math.min(found.length, this.contract.length);
    const seen = new Set<string>();
    let hidden = 0;
    for (const name of found) {
      if (seen.has(name)) this.errors.push(makeError(this.fileName, null, this.contract.includes(name) ? name : null, 'COLUMN_DUPLICATE'));
      seen.add(name);
      if (this.contract.includes(name)) this.present.add(name);
      else if (looksLikeHeader && isPlainColumnName(name)) this.errors.push(makeError(this.fileName, null, name, 'COLUMN_UNKNOWN'));
      else hidden++;
    }
    if (hidden > 0) {
      const e = makeError(this.fileName, null, null, 'COLUMN_UNKNOWN');
      e.detail = `${hidden} column name(s) not shown: ${looksLikeHeader ? 'they do not look like column names' : 'the first row does not look like the contract header'}`;
      this.errors.push(e);
    }
    if (requireAll) for (const name of this.contract) if (!seen.has(name)) this.errors.push(makeError(this.fileName, null, name, 'COLUMN_MISSING'));
  }

  private async stageJsonl(): Promise<void> {
    const raw = `raw_${this.kind}`;
    await this.conn.run(`CREATE OR REPLACE TEMP TABLE ${raw} AS
      SELECT CAST(row_number() OVER () AS INTEGER) AS _row, json FROM read_ndjson_objects(${quoteLiteral(this.path)}, maximum_object_size = 1048576)`);
    const notObjects = (await this.conn.runAndReadAll(`SELECT _row FROM ${raw} WHERE json_type(json) <> 'OBJECT' ORDER BY _row LIMIT 1000`)).getRowObjectsJS() as { _row: number }[];
    for (const r of notObjects) this.errors.push(makeError(this.fileName, r._row, null, 'JSON_NOT_OBJECT'));
    const keys = (
      await this.conn.runAndReadAll(`SELECT k, min(_row) AS first FROM (SELECT _row, unnest(json_keys(json)) AS k FROM ${raw} WHERE json_type(json) = 'OBJECT') GROUP BY k ORDER BY first, k`)
    ).getRowObjectsJS() as { k: string }[];
    // A JSON object may leave out a key whose value is not known: no column is "missing".
    this.checkColumns(keys.map((k) => k.k), false);
    const paths = this.contract.map((c) => quoteLiteral(`$."${c}"`)).join(', ');
    await this.conn.run(`CREATE OR REPLACE TEMP TABLE ${this.table} AS
      SELECT _row, ${this.contract.map((c, i) => `nullif(v[${i + 1}], '') AS ${quoteIdent(c)}`).join(', ')}
      FROM (SELECT _row, CASE WHEN json_type(json) = 'OBJECT' THEN json_extract_string(json, [${paths}]) END AS v FROM ${raw})`);
    await this.conn.run(`DROP TABLE ${raw}`);
    this.staged = true;
  }

  private async stageArrow(): Promise<void> {
    const arrow = tableFromIPC(readFileSync(this.path));
    const names = arrow.schema.fields.map((f) => f.name);
    this.checkColumns(names, true);
    await this.conn.run(`CREATE OR REPLACE TEMP TABLE ${this.table} (_row INTEGER, ${this.contract.map((c) => `${quoteIdent(c)} VARCHAR`).join(', ')})`);
    const appender = await this.conn.createAppender(this.table, 'main', 'temp');
    const types = [INTEGER, ...this.contract.map(() => VARCHAR)];
    let row = 0;
    try {
      for (const batch of arrow.batches) {
        const vectors = this.contract.map((c) => {
          const idx = names.indexOf(c);
          return idx >= 0 ? (batch.getChildAt(idx) as Vector | null) : null;
        });
        for (const v of vectors) if (v) assertUtf8(v);
        for (let start = 0; start < batch.numRows; start += 2048) {
          const n = Math.min(2048, batch.numRows - start);
          const chunk = DuckDBDataChunk.create(types, n);
          chunk.setColumnValues(0, Array.from({ length: n }, (_, i) => row + start + i + 1));
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
    this.staged = true;
  }
}

class NotUtf8Error extends Error {}

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
  for (const d of v.data) if (d.values && !isUtf8(d.values as Uint8Array)) throw new NotUtf8Error();
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

/** Keeps only the location of a reader error (never the quoted content). */
export function readerErrorDetail(e: unknown): string | undefined {
  const m = /line:? (\d+)/i.exec(e instanceof Error ? e.message : '');
  return m ? `around line ${m[1]}` : undefined;
}

/** A column name we are willing to echo: identifier-like, no digits runs, no '@'. */
function isPlainColumnName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) && !/\d{4,}/.test(name);
}
