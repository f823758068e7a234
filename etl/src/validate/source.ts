/**
 * Opens one data file as an all-VARCHAR relation of the contract columns (a column absent
 * from the file is NULL, an empty string is NULL). Only contract columns are ever read
 * out of a file, so unknown columns are reported by name and their values never enter the
 * database. How a format is read is its `FormatReader`'s business (etl/src/formats).
 *
 * Two ways to read it:
 * - `relation(false)`: a streaming scan without row numbers, for the fast pass that
 *   type-casts every row and flags whether any rule fails;
 * - `stage()`: materialises `stg_<kind>` with `_row` (1-based data row), for the detailed
 *   pass that names file, row, column and rule of every error.
 * Formats a reader stages on opening (JSON Lines, Arrow IPC, Excel) are parsed once; both
 * passes then read the staging table.
 *
 * Errors from DuckDB's readers are never passed on: their messages quote file content.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { COLUMNS_BY_FILE, type FileKind } from '@weegwijzer/contract';
import { FORMATS, FormatReadError, readerErrorDetail, type InputFormat, type OpenedRows, type ReadTarget } from '../formats';
import { makeError, type ValidationError } from './report';
import type { RuleCode } from './rules';

export class SourceFile implements ReadTarget {
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
  /** The reader's relation over the file (null when the reader staged the rows, or could not open the file). */
  private opened: Extract<OpenedRows, { staged: false }> | null = null;
  readonly contract: string[];
  readonly table: string;

  constructor(
    readonly conn: DuckDBConnection,
    readonly kind: FileKind,
    readonly path: string,
    readonly fileName: string,
    readonly format: InputFormat,
    /** The file holds both kinds (an Excel workbook with sheets `signals` and `assessments`). */
    readonly combinedWorkbook = false,
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

  /** Reads the header / schema (and stages the formats whose reader stages on opening). */
  async open(): Promise<void> {
    try {
      const opened = await FORMATS[this.format].open(this);
      if (opened?.staged) this.staged = true;
      else this.opened = opened;
    } catch (e) {
      if (e instanceof FormatReadError) this.fail(e.rule, e.detail);
      else this.fail('FILE_UNREADABLE', readerErrorDetail(e));
    }
  }

  /** SQL relation with every contract column as VARCHAR (and `_row` when asked). */
  relation(withRow: boolean): string {
    if (this.staged) return withRow ? this.table : `(SELECT * EXCLUDE (_row) FROM ${this.table})`;
    return this.opened!.relation(withRow);
  }

  /** After a strict read of the relation failed: lets the reader find the broken rows, else the file is unreadable. */
  async diagnose(): Promise<void> {
    if (!this.opened?.diagnose) return this.fail('FILE_UNREADABLE');
    await this.opened.diagnose();
  }

  /** Materialises `stg_<kind>` with row numbers for the detailed pass. */
  async stage(): Promise<void> {
    if (this.staged) return;
    await this.conn.run(`CREATE OR REPLACE TEMP TABLE ${this.table} AS SELECT * FROM ${this.relation(true)}`);
    this.staged = true;
  }

  checkColumns(found: string[], requireAll: boolean): void {
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

  /** A problem found while reading, always kept. */
  addError(row: number | null, column: string | null, rule: RuleCode): void {
    this.errors.push(makeError(this.fileName, row, column, rule));
  }

  /** An error found while reading a row (kept up to the cap, counted beyond it). */
  pushError(row: number | null, column: string | null, rule: RuleCode, detail?: string): void {
    if (this.errors.length >= this.errorCap) {
      this.droppedErrors++;
      return;
    }
    const e = makeError(this.fileName, row, column, rule);
    if (detail) e.detail = detail;
    this.errors.push(e);
  }
}

/** A column name we are willing to echo: identifier-like, no digits runs, no '@'. */
function isPlainColumnName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) && !/\d{4,}/.test(name);
}
