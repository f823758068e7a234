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
import { COLUMNS_BY_FILE, type ColumnSpec, type FileKind, type InputFormat } from '@weegwijzer/contract';
import { readCsvHeader } from './csv-header';
import { makeError, type ValidationError } from './report';
import type { RuleCode } from './rules';
import { quoteIdent, quoteLiteral } from './sql';
import { columnLetter, excelSerialToDate, EXPLANATION_SHEET, numberText, XlsxError, XlsxWorkbook, type XlsxCell } from './xlsx';

export class SourceFile {
  /** Contract columns present in the file. */
  readonly present = new Set<string>();
  /** Column-level and structural problems (unknown, duplicate, missing columns; broken rows). */
  readonly errors: ValidationError[] = [];
  /** False when the file's structure is broken; row-level checks are then skipped. */
  rowsCheckable = true;
  /** Data rows, once known. */
  rows = 0;
  /** Row-level errors found while reading (Excel) beyond the ones kept in `errors`. */
  droppedErrors = 0;
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
    /** Excel: the workbook holds both files (sheets `signals` and `assessments`). */
    private readonly combinedWorkbook = false,
    private readonly errorCap = 1000,
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
      } else if (this.format === 'xlsx') {
        await this.stageXlsx();
      } else {
        await this.stageArrow();
      }
    } catch (e) {
      if (e instanceof NotUtf8Error) this.fail('FILE_NOT_UTF8');
      else if (e instanceof XlsxError) this.fail(e.rule, e.detail);
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
    const cols = this.contract.map((c) => `nullif(${this.parquetColumns.includes(c) ? `CAST(${quoteIdent(c)} AS VARCHAR)` : 'NULL'}, '') AS ${quoteIdent(c)}`).join(', ');
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
      const bad = (await this.conn.runAndReadAll(`SELECT DISTINCT CAST(line AS INTEGER) AS line, error_type FROM rej_${this.kind} ORDER BY line`)).getRowObjectsJS() as {
        line: number;
        error_type: string;
      }[];
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
    const notObjects = (await this.conn.runAndReadAll(`SELECT _row FROM ${raw} WHERE json_type(json) <> 'OBJECT' ORDER BY _row LIMIT 1000`)).getRowObjectsJS() as {
      _row: number;
    }[];
    for (const r of notObjects) this.errors.push(makeError(this.fileName, r._row, null, 'JSON_NOT_OBJECT'));
    const keys = (
      await this.conn.runAndReadAll(
        `SELECT k, min(_row) AS first FROM (SELECT _row, unnest(json_keys(json)) AS k FROM ${raw} WHERE json_type(json) = 'OBJECT') GROUP BY k ORDER BY first, k`,
      )
    ).getRowObjectsJS() as { k: string }[];
    // A JSON object may leave out a key whose value is not known: no column is "missing".
    this.checkColumns(
      keys.map((k) => k.k),
      false,
    );
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
    this.staged = true;
  }

  /**
   * Excel: streams the file's sheet into `stg_<kind>`, each cell converted by its column's
   * contract type, and applies the Excel rules (workbook parts, hidden places, formulas,
   * numbers where text belongs) on the way. `_row` is the data row (Excel row - 1).
   */
  private async stageXlsx(): Promise<void> {
    const wb = await XlsxWorkbook.open(this.path);
    try {
      // A workbook holding both files reports its workbook-level problems once, under signals.
      const reportWorkbook = !this.combinedWorkbook || this.kind === 'signals';
      if (reportWorkbook) {
        for (const p of wb.problems) this.pushError(null, null, p.rule, p.detail);
        for (const sheet of wb.sheets.filter((x) => x.hidden)) if (await wb.sheetHasValues(sheet)) this.pushError(null, null, 'EXCEL_HIDDEN_SHEET');
      }
      const visible = wb.sheets.filter((x) => !x.hidden);
      const sheet =
        visible.find((x) => x.name === this.kind) ??
        (this.combinedWorkbook ? undefined : visible.filter((x) => x.name !== EXPLANATION_SHEET).length === 1 ? visible.find((x) => x.name !== EXPLANATION_SHEET) : undefined);
      if (!sheet) return this.fail('EXCEL_SHEET_MISSING', `a visible sheet named "${this.kind}"`);
      const specs = COLUMNS_BY_FILE[this.kind];
      await this.conn.run(`CREATE OR REPLACE TEMP TABLE ${this.table} (_row INTEGER, ${this.contract.map((c) => `${quoteIdent(c)} VARCHAR`).join(', ')})`);
      const appender = await this.conn.createAppender(this.table, 'main', 'temp');
      const types = [INTEGER, ...this.contract.map(() => VARCHAR)];
      const CHUNK = 2048;
      let buffer: (string | null)[][] = this.contract.map(() => []);
      let rowNumbers: number[] = [];
      const flush = () => {
        if (rowNumbers.length === 0) return;
        const chunk = DuckDBDataChunk.create(types, rowNumbers.length);
        chunk.setColumnValues(0, rowNumbers);
        buffer.forEach((values, i) => chunk.setColumnValues(i + 1, values));
        appender.appendDataChunk(chunk);
        buffer = this.contract.map(() => []);
        rowNumbers = [];
      };
      /** Sheet column → index into the contract columns (-1: a column outside the contract). */
      let mapping: number[] | null = null;
      let headerWidth = 0;
      let hiddenCols = new Set<number>();
      const hiddenReported = new Set<number>();
      const outsideReported = new Set<number>();
      try {
        await wb.readSheet(sheet, {
          hiddenColumns: (cols) => {
            hiddenCols = cols;
          },
          row: (excelRow, cells, hidden) => {
            if (mapping === null) {
              if (excelRow !== 1) throw new XlsxError('EXCEL_HEADER_ROW');
              const names: string[] = [];
              for (const c of cells) {
                while (names.length < c.col) names.push('');
                names.push(c.kind === 'text' && c.text !== null ? c.text : '');
              }
              this.checkColumns(
                names.filter((n) => n !== ''),
                true,
              );
              if (names.some((n) => n === '') && names.length > 0) this.pushError(null, null, 'COLUMN_UNKNOWN', 'a header cell in row 1 is empty or not text');
              mapping = names.map((n) => this.contract.indexOf(n));
              // A duplicated contract column: only its first occurrence is read.
              mapping = mapping.map((m, i) => (m >= 0 && mapping!.indexOf(m) !== i ? -1 : m));
              headerWidth = names.length;
              for (const c of cells) if (c.formula) this.pushError(null, null, 'EXCEL_FORMULA', 'in the header row');
              return;
            }
            const row = excelRow - 1;
            const values: (string | null)[] = this.contract.map(() => null);
            let any = false;
            for (const c of cells) {
              const target = c.col < headerWidth ? mapping[c.col] : -1;
              const column = target >= 0 ? this.contract[target] : null;
              if (c.formula) this.pushError(row, column, 'EXCEL_FORMULA');
              if (c.text === null) continue;
              any = true;
              if (hidden) this.pushError(row, column, 'EXCEL_HIDDEN_ROW');
              if (hiddenCols.has(c.col) && !hiddenReported.has(c.col)) {
                hiddenReported.add(c.col);
                this.pushError(null, column, 'EXCEL_HIDDEN_COLUMN', column ? undefined : `column ${columnLetter(c.col)}`);
              }
              if (target < 0) {
                if (c.col >= headerWidth && !outsideReported.has(c.col)) {
                  outsideReported.add(c.col);
                  this.pushError(null, null, 'COLUMN_UNKNOWN', `values in column ${columnLetter(c.col)}, which has no header`);
                }
                continue;
              }
              values[target] = cellText(c, specs[target].type, wb.date1904, () => this.pushError(row, column, 'EXCEL_TEXT_AS_NUMBER'));
            }
            if (!any) return;
            rowNumbers.push(row);
            values.forEach((v, i) => buffer[i].push(v));
            if (rowNumbers.length >= CHUNK) flush();
          },
        });
        flush();
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
      if (mapping === null) return this.fail('FILE_UNREADABLE', 'the sheet has no header row');
      this.staged = true;
    } finally {
      wb.close();
    }
  }

  /** An error found while reading a row (kept up to the cap, counted beyond it). */
  private pushError(row: number | null, column: string | null, rule: RuleCode, detail?: string): void {
    if (this.errors.length >= this.errorCap) {
      this.droppedErrors++;
      return;
    }
    const e = makeError(this.fileName, row, column, rule);
    if (detail) e.detail = detail;
    this.errors.push(e);
  }
}

/** One Excel cell as the contract text of its column. */
function cellText(c: XlsxCell, type: ColumnSpec['type'], date1904: boolean, numberWhereTextBelongs: () => void): string | null {
  if (c.text === null) return null;
  if (c.kind === 'number') {
    if (type === 'date') return excelSerialToDate(c.text, date1904) ?? numberText(c.text);
    if (type === 'pseudonym' || type === 'code' || type === 'string') numberWhereTextBelongs();
    return numberText(c.text);
  }
  return c.text;
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
