/**
 * Validates one batch folder against contract v1: the manifest, each data file (sha256,
 * UTF-8, rows), then every row, set-based in an in-memory DuckDB. A BatchValidation
 * stays open after checking so the ingestor can write the accepted rows as Parquet from
 * the typed tables of the same pass; `validateBatch` is the check-only shortcut.
 *
 * No value of the batch ever reaches a log, an error message or the report.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { COLUMNS_BY_FILE, ID_PATTERN, type FileKind } from '@weegwijzer/contract';
import { FORMATS, type InputFormat } from '../formats';
import { baseRuleSql, fullPattern, GUARDED_RULE_SQL, typedColumnSql, type RuleContext } from './checks.sql';
import { openDelivery } from './archive';
import { scanFile, type FileScan } from './file-scan';
import { ValidationEngine } from './engine';
import { MANIFEST_FILE, readManifest, type ParsedManifest } from './manifest';
import { DEFAULT_ERROR_CAP, makeError, type ValidationError, type ValidationReport } from './report';
import type { RuleCode } from './rules';
import { SourceFile } from './source';
import { quoteIdent, quoteLiteral } from './sql';

/** An accepted earlier batch of the same region (for referential integrity). */
export interface EarlierBatch {
  batch_id: string;
  produced_at: string;
  /** The normalised signals Parquet file of that batch. */
  signalsParquet: string;
}

export type ValidationStep = 'manifest' | 'scan' | 'read' | 'integrity' | 'detail';
export interface ValidationProgress {
  step: ValidationStep;
  file?: string;
}

export interface ValidateOptions {
  /** "Today" for the not-in-the-future rules; default now. */
  now?: Date;
  errorCap?: number;
  /** Accepted earlier batches of a region (referential integrity against earlier deliveries). */
  earlierBatches?: (region: string) => EarlierBatch[];
  /** The DuckDB to run in (shared by the batches of an ingest run); default a private one. */
  engine?: ValidationEngine;
  /** For a private engine: parent directory of its spill files (default the OS temp dir). */
  workDir?: string;
  threads?: number;
  /** Most data rows one file may hold (checked against the manifest and the file's own metadata before reading). */
  maxRowsPerFile?: number;
  /** Longest the row checks may run; then the batch is rejected with VALIDATION_TIMEOUT. */
  timeoutMs?: number;
  onProgress?: (p: ValidationProgress) => void;
  /** Uncompressed limit of a `.zip` delivery (default 512 MiB). */
  maxDeliveryBytes?: number;
}

/** For `BatchValidation.prepare`: violations found before the folder existed (the archive rules). */
export interface PrepareOptions extends ValidateOptions {
  deliveryErrors?: ValidationError[];
}

export const DEFAULT_MAX_ROWS_PER_FILE = 5_000_000;
export const DEFAULT_VALIDATION_TIMEOUT_MS = 10 * 60_000;
/** DuckDB's CSV max_line_size and the JSON Lines maximum_object_size used by the reader. */
const MAX_RECORD_BYTES = 1024 * 1024;

class ValidationTimeout extends Error {}

const KINDS: FileKind[] = ['signals', 'assessments'];
const FILE_ORDER = { manifest: 0, signals: 1, assessments: 2 } as const;
const ID_FULL = fullPattern(ID_PATTERN);
/** Errors after which a file's row count is not known (no ROWS_MISMATCH on top). */
const ROWS_UNKNOWN = new Set<RuleCode>(['FILE_UNREADABLE', 'EXCEL_SHEET_MISSING', 'EXCEL_HEADER_ROW', 'EXCEL_TOO_LARGE']);
/**
 * Clock skew tolerated between a region's machine and the monitor for `produced_at`. A later
 * `produced_at` would make the batch win every future correction (the latest one wins).
 */
export const PRODUCED_AT_SKEW_MS = 5 * 60 * 1000;

/** The calendar date in the Netherlands, which is what "in the future" means to a region. */
export function dutchToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

interface SqlError extends ValidationError {
  fileOrd: number;
  colOrd: number;
}

export class BatchValidation {
  manifest!: ParsedManifest;
  readonly scans: Partial<Record<FileKind, FileScan>> = {};
  readonly sources: Partial<Record<FileKind, SourceFile>> = {};
  /** Hash of the manifest's meaning and the files' actual hashes: tells a re-delivery from a conflict. */
  contentSha256: string | null = null;
  private readonly jsErrors: ValidationError[] = [];
  private sqlErrorCount = 0;
  private sqlErrors: SqlError[] = [];
  private conn: DuckDBConnection | null = null;
  private ownEngine: ValidationEngine | null = null;
  private checked = false;
  /** Files refused on their declared size; never read. */
  private readonly oversized = new Set<string>();
  private readonly validatedAt: Date;

  private constructor(
    readonly dir: string,
    private readonly opts: ValidateOptions,
  ) {
    this.validatedAt = opts.now ?? new Date();
  }

  /** Reads the manifest and hashes the files; `checkRows()` does the rest. */
  static async prepare(dir: string, opts: PrepareOptions = {}): Promise<BatchValidation> {
    const v = new BatchValidation(dir, opts);
    await v.checkManifestAndFiles(opts.deliveryErrors ?? []);
    return v;
  }

  get regionCode(): string | null {
    return this.manifest.region_code;
  }
  get batchId(): string | null {
    return this.manifest.batch_id;
  }
  get errorCount(): number {
    const dropped = KINDS.reduce((n, k) => n + (this.sources[k]?.droppedErrors ?? 0), 0);
    return this.jsErrors.length + this.sqlErrorCount + dropped;
  }

  /** Adds a delivery-level error decided outside the validator (conflict, region not allowed). */
  addError(rule: RuleCode, column: string | null = null, detail?: string): void {
    const e = makeError(MANIFEST_FILE, null, column, rule);
    if (detail) e.detail = detail;
    this.jsErrors.push(e);
  }

  private async checkManifestAndFiles(deliveryErrors: ValidationError[]): Promise<void> {
    this.opts.onProgress?.({ step: 'manifest' });
    this.manifest = await readManifest(this.dir);
    // An archive refused before its manifest could be unpacked: "manifest missing" would mislead.
    const manifestErrors = deliveryErrors.length > 0 ? this.manifest.errors.filter((e) => e.rule !== 'MANIFEST_MISSING') : this.manifest.errors;
    this.jsErrors.push(...deliveryErrors, ...manifestErrors);
    if (this.manifest.produced_at && Date.parse(this.manifest.produced_at) > this.validatedAt.getTime() + PRODUCED_AT_SKEW_MS) {
      this.jsErrors.push(makeError(MANIFEST_FILE, null, 'produced_at', 'PRODUCED_AT_IN_FUTURE'));
    }
    const scans = KINDS.map(async (kind) => {
      const entry = this.manifest.files[kind];
      // A rejected archive's data files were never unpacked: only its manifest is checked.
      if (!entry || deliveryErrors.length > 0) return;
      const path = join(this.dir, entry.name);
      if (!existsSync(path)) {
        this.jsErrors.push(makeError(entry.name, null, null, 'FILE_MISSING'));
        return;
      }
      this.opts.onProgress?.({ step: 'scan', file: entry.name });
      const scan = await scanFile(path, FORMATS[entry.format].lineBased);
      this.scans[kind] = scan;
      if (entry.sha256 && scan.sha256 !== entry.sha256) this.jsErrors.push(makeError(entry.name, null, null, 'SHA256_MISMATCH'));
      this.checkDeclaredSize(entry.name, entry.format, entry.rows, scan.bytes);
      if (scan.utf8 && !scan.utf8.ok) {
        const e = makeError(entry.name, null, null, 'FILE_NOT_UTF8');
        e.detail = `first invalid byte on line ${scan.utf8.line}`;
        this.jsErrors.push(e);
      }
    });
    await Promise.all(scans);
    const m = this.manifest;
    if (m.region_code && m.batch_id && m.produced_at && m.period && m.key_id && this.scans.signals && this.scans.assessments) {
      const canonical = JSON.stringify({
        contract_version: '1',
        region_code: m.region_code,
        batch_id: m.batch_id,
        produced_at: m.produced_at,
        period: m.period,
        key_id: m.key_id,
        signals: { rows: m.files.signals?.rows, sha256: this.scans.signals.sha256 },
        assessments: { rows: m.files.assessments?.rows, sha256: this.scans.assessments.sha256 },
      });
      this.contentSha256 = createHash('sha256').update(canonical).digest('hex');
    }
  }

  /**
   * Before any row is read: a declared row count over the limit, or a text file larger than its
   * declared rows can be (each record is at most 1 MiB), is refused at once.
   */
  private checkDeclaredSize(name: string, format: InputFormat, rows: number | null, bytes: number): void {
    const max = this.opts.maxRowsPerFile ?? DEFAULT_MAX_ROWS_PER_FILE;
    if (rows !== null && rows > max) {
      const e = makeError(name, null, null, 'FILE_TOO_MANY_ROWS');
      e.detail = `the manifest declares ${rows} rows; at most ${max} per file`;
      this.jsErrors.push(e);
      this.oversized.add(name);
    } else if (rows !== null && FORMATS[format].lineBased && bytes > (rows + 1) * MAX_RECORD_BYTES) {
      const e = makeError(name, null, null, 'ROWS_MISMATCH');
      e.detail = `the file (${bytes} bytes) is larger than ${rows} rows of at most 1 MiB each can be`;
      this.jsErrors.push(e);
      this.oversized.add(name);
    }
  }

  /** Formats that carry their row count in metadata (Parquet, Arrow): compare it before reading a row. */
  private async checkMetadataRows(conn: DuckDBConnection, name: string, format: InputFormat, path: string, declared: number | null): Promise<boolean> {
    const metadataRows = FORMATS[format].metadataRows;
    if (!metadataRows) return true;
    let rows: number;
    try {
      rows = await metadataRows(conn, path);
    } catch {
      return true; // unreadable metadata: the reader reports the file
    }
    const max = this.opts.maxRowsPerFile ?? DEFAULT_MAX_ROWS_PER_FILE;
    if (rows > max) {
      const e = makeError(name, null, null, 'FILE_TOO_MANY_ROWS');
      e.detail = `the file's metadata says ${rows} rows; at most ${max} per file`;
      this.jsErrors.push(e);
      return false;
    }
    if (declared !== null && rows !== declared) {
      const e = makeError(name, null, null, 'ROWS_MISMATCH');
      e.detail = `manifest says ${declared}, the file's metadata says ${rows}`;
      this.jsErrors.push(e);
      return false;
    }
    return true;
  }

  /**
   * Runs every row-level rule. Fast pass: one streaming scan per file casts every row to
   * its type (`typed_<kind>`) and flags rows that break any rule; duplicates and
   * referential integrity are checked on the typed tables. Only when something fails does
   * the detailed pass stage the raw rows with row numbers and name every error.
   */
  async checkRows(): Promise<void> {
    if (this.checked) return;
    this.checked = true;
    const conn = await this.connection();
    // A hard stop: past the deadline every running query is interrupted and the batch refused.
    let timedOut = false;
    let interrupter: NodeJS.Timeout | undefined;
    const deadline = setTimeout(() => {
      timedOut = true;
      conn.interrupt();
      interrupter = setInterval(() => conn.interrupt(), 50);
    }, this.opts.timeoutMs ?? DEFAULT_VALIDATION_TIMEOUT_MS);
    try {
      await this.checkRowsWithin(conn, () => {
        if (timedOut) throw new ValidationTimeout();
      });
    } catch (e) {
      if (!timedOut) throw e;
    } finally {
      clearTimeout(deadline);
      clearInterval(interrupter);
    }
    if (timedOut) {
      const e = makeError(MANIFEST_FILE, null, null, 'VALIDATION_TIMEOUT');
      e.detail = `stopped after ${Math.round((this.opts.timeoutMs ?? DEFAULT_VALIDATION_TIMEOUT_MS) / 1000)} s`;
      this.jsErrors.push(e);
    }
  }

  private async checkRowsWithin(conn: DuckDBConnection, checkTime: () => void): Promise<void> {
    const ctx: RuleContext = { region: this.manifest.region_code, period: this.manifest.period, today: dutchToday(this.validatedAt) };
    let clean = this.jsErrors.length === 0;
    for (const kind of KINDS) {
      checkTime();
      const entry = this.manifest.files[kind];
      const scan = this.scans[kind];
      if (!entry || !scan || (scan.utf8 && !scan.utf8.ok)) continue;
      if (this.oversized.has(entry.name) || !(await this.checkMetadataRows(conn, entry.name, entry.format, join(this.dir, entry.name), entry.rows))) {
        clean = false;
        continue;
      }
      this.opts.onProgress?.({ step: 'read', file: entry.name });
      const combined = FORMATS[entry.format].bothKindsInOneFile && this.manifest.files.signals?.name === this.manifest.files.assessments?.name;
      const source = new SourceFile(conn, kind, join(this.dir, entry.name), entry.name, entry.format, combined, this.opts.errorCap ?? DEFAULT_ERROR_CAP);
      this.sources[kind] = source;
      await source.open();
      if (source.rowsCheckable) {
        const typed = COLUMNS_BY_FILE[kind].map((s) => typedColumnSql(s, true)).join(', ');
        const checked = this.checkedColumns(source);
        const anyRule = [
          'false',
          ...checked.map((s) => `(${baseRuleSql(kind, s, ctx)}) IS NOT NULL`),
          ...checked.filter((s) => s.type === 'pseudonym').map((s) => `ww_guard_pseudonym(${quoteIdent(s.name)}) IS NOT NULL`),
        ].join(' OR ');
        try {
          await conn.run(`CREATE OR REPLACE TEMP TABLE typed_${kind} AS SELECT ${typed}, ${anyRule} AS _bad FROM ${source.relation(false)}`);
          const r = (await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE _bad)::INTEGER AS bad FROM typed_${kind}`)).getRowObjectsJS()[0] as {
            n: number;
            bad: number;
          };
          source.rows = r.n;
          if (r.bad > 0) clean = false;
        } catch {
          checkTime();
          await source.diagnose();
        }
      }
      this.jsErrors.push(...source.errors);
      if (source.errors.length > 0) clean = false;
      if (entry.rows !== null && source.errors.every((e) => !ROWS_UNKNOWN.has(e.rule)) && source.rows !== entry.rows) {
        const e = makeError(entry.name, null, null, 'ROWS_MISMATCH');
        e.detail = `manifest says ${entry.rows}, file has ${source.rows}`;
        this.jsErrors.push(e);
        clean = false;
      }
    }
    checkTime();
    this.opts.onProgress?.({ step: 'integrity' });
    await this.loadEarlierSignals(conn);
    if (clean && (await this.fastIntegrityClean(conn))) return;

    // Something failed: the detailed pass names every error.
    await conn.run(`CREATE OR REPLACE TEMP TABLE errs (file_ord INTEGER, file VARCHAR, "row" INTEGER, col_ord INTEGER, "column" VARCHAR, rule VARCHAR)`);
    for (const kind of KINDS) {
      const source = this.sources[kind];
      if (!source || !source.rowsCheckable) continue;
      checkTime();
      this.opts.onProgress?.({ step: 'detail', file: source.fileName });
      await source.stage();
      await this.rowRules(conn, source, ctx);
    }
    checkTime();
    await this.integrityRules(conn);
    await this.collectSqlErrors(conn);
    if (this.errorCount === 0) {
      // The fast pass saw a problem the detailed pass cannot place: never accept such a batch.
      this.jsErrors.push(makeError(MANIFEST_FILE, null, null, 'FILE_UNREADABLE'));
    }
  }

  /** Columns checked row by row (a column missing from a tabular file is reported once instead). */
  private checkedColumns(source: SourceFile) {
    return COLUMNS_BY_FILE[source.kind].filter((s) => FORMATS[source.format].rowsMayOmitColumns || source.present.has(s.name));
  }

  /** Signals of accepted earlier batches of this region (the latest delivery of each wins). */
  private async loadEarlierSignals(conn: DuckDBConnection): Promise<void> {
    const region = this.manifest.region_code;
    const earlier = region && this.opts.earlierBatches ? this.opts.earlierBatches(region).filter((b) => b.batch_id !== this.manifest.batch_id) : [];
    if (earlier.length > 0) {
      const files = earlier.map((b) => quoteLiteral(b.signalsParquet)).join(', ');
      const produced = earlier.map((b) => `(${quoteLiteral(b.signalsParquet)}, TIMESTAMPTZ ${quoteLiteral(b.produced_at)}, ${quoteLiteral(b.batch_id)})`).join(', ');
      await conn.run(`CREATE OR REPLACE TEMP TABLE earlier_signals AS
        SELECT s.signal_id, arg_max(s.received_at, (b.produced_at, b.batch_id)) AS received_at
        FROM read_parquet([${files}], filename = true) s JOIN (VALUES ${produced}) b(file, produced_at, batch_id) ON b.file = s.filename
        GROUP BY s.signal_id`);
    } else {
      await conn.run(`CREATE OR REPLACE TEMP TABLE earlier_signals (signal_id VARCHAR, received_at DATE)`);
    }
  }

  /** Duplicates and referential integrity on the typed tables; true when there is no problem. */
  private async fastIntegrityClean(conn: DuckDBConnection): Promise<boolean> {
    const any = async (sql: string) => ((await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM (${sql})`)).getRowObjectsJS()[0].n as number) > 0;
    if (await any(`SELECT signal_id FROM typed_signals GROUP BY signal_id HAVING count(*) > 1`)) return false;
    if (await any(`SELECT assessment_id FROM typed_assessments GROUP BY assessment_id HAVING count(*) > 1`)) return false;
    return !(await any(`SELECT 1 FROM typed_assessments a
      LEFT JOIN (
        SELECT signal_id, received_at FROM typed_signals
        UNION ALL
        SELECT e.signal_id, e.received_at FROM earlier_signals e ANTI JOIN typed_signals b ON b.signal_id = e.signal_id
      ) k ON k.signal_id = a.signal_id
      WHERE k.signal_id IS NULL OR a.decided_at < k.received_at`));
  }

  /**
   * Names every failing cell: base rules per column, then the guard once over the
   * collected (value, rule) cells, so a BSN in a code column is reported as PII_BSN.
   */
  private async rowRules(conn: DuckDBConnection, source: SourceFile, ctx: RuleContext): Promise<void> {
    const { kind, fileName, table } = source;
    const specs = COLUMNS_BY_FILE[kind];
    const checked = this.checkedColumns(source);
    const pseudonyms = checked.filter((s) => s.type === 'pseudonym');
    const colOrder = specs.map((s, i) => `(${quoteLiteral(s.name)}, ${i}, ${s.type === 'pseudonym'})`).join(', ');
    await conn.run(`CREATE OR REPLACE TEMP TABLE cells (_row INTEGER, col VARCHAR, value VARCHAR, rule VARCHAR)`);
    if (checked.length > 0) {
      const exprs = checked.map((s) => `${baseRuleSql(kind, s, ctx)} AS ${quoteIdent(s.name)}`).join(',\n');
      const anyError = checked.map((s) => `${quoteIdent(s.name)} IS NOT NULL`).join(' OR ');
      await conn.run(`CREATE OR REPLACE TEMP TABLE base_rules AS SELECT * FROM (SELECT _row, ${exprs} FROM ${table}) WHERE ${anyError}`);
      const names = checked.map((s) => quoteIdent(s.name)).join(', ');
      await conn.run(`INSERT INTO cells
        WITH r AS (UNPIVOT base_rules ON COLUMNS(* EXCLUDE _row) INTO NAME col VALUE rule),
        v AS (UNPIVOT (SELECT _row, ${names} FROM ${table} WHERE _row IN (SELECT _row FROM base_rules)) ON COLUMNS(* EXCLUDE _row) INTO NAME col VALUE value)
        SELECT r._row, r.col, v.value, r.rule FROM r LEFT JOIN v ON v._row = r._row AND v.col = r.col`);
      await conn.run(`DROP TABLE base_rules`);
    }
    if (pseudonyms.length > 0) {
      // Pseudonym-shaped values can still be personal data (a BSN, phone number, IBAN, date).
      const shaped = pseudonyms.map((s) => `WHEN ${quoteLiteral(s.name)} THEN regexp_full_match(value, ${quoteLiteral(fullPattern(s.pattern!))})`).join(' ');
      await conn.run(`INSERT INTO cells
        SELECT _row, col, value, NULL FROM (
          UNPIVOT (SELECT _row, ${pseudonyms.map((s) => quoteIdent(s.name)).join(', ')} FROM ${table}) ON COLUMNS(* EXCLUDE _row) INTO NAME col VALUE value
        ) WHERE CASE col ${shaped} END AND ww_guard_pseudonym(value) IS NOT NULL`);
    }
    await conn.run(`INSERT INTO errs
      SELECT ${FILE_ORDER[kind]}, ${quoteLiteral(fileName)}, c._row, o.ord, c.col, c.rule FROM (
        SELECT _row, col, ${GUARDED_RULE_SQL} AS rule
        FROM (SELECT c.*, o.is_pseudonym FROM cells c JOIN (VALUES ${colOrder}) o(name, ord, is_pseudonym) ON o.name = c.col)
      ) c JOIN (VALUES ${colOrder}) o(name, ord, is_pseudonym) ON o.name = c.col
      WHERE c.rule IS NOT NULL`);
    await conn.run(`DROP TABLE cells`);
    const idCol = kind === 'signals' ? 'signal_id' : 'assessment_id';
    const idOrd = specs.findIndex((s) => s.name === idCol);
    await conn.run(`INSERT INTO errs
      SELECT ${FILE_ORDER[kind]}, ${quoteLiteral(fileName)}, _row, ${idOrd}, '${idCol}', 'DUPLICATE_ID' FROM (
        SELECT _row, row_number() OVER (PARTITION BY ${idCol} ORDER BY _row) AS rn FROM ${table}
        WHERE ${idCol} IN (SELECT ${idCol} FROM ${table} WHERE ${idCol} IS NOT NULL GROUP BY ${idCol} HAVING count(*) > 1)
      ) WHERE rn > 1`);
  }

  /** Every assessment's signal exists (this batch or an earlier one) and was received before the decision. */
  private async integrityRules(conn: DuckDBConnection): Promise<void> {
    const sig = this.sources.signals;
    const ass = this.sources.assessments;
    if (!sig?.rowsCheckable || !ass?.rowsCheckable) return;
    const specs = COLUMNS_BY_FILE.assessments;
    const ord = (c: string) => specs.findIndex((s) => s.name === c);
    await conn.run(`INSERT INTO errs
      WITH batch_signals AS (
        SELECT signal_id, min(try_cast(received_at AS DATE)) AS received_at FROM ${sig.table} WHERE signal_id IS NOT NULL GROUP BY signal_id
      ), known AS (
        SELECT signal_id, received_at FROM batch_signals
        UNION ALL
        SELECT e.signal_id, e.received_at FROM earlier_signals e ANTI JOIN batch_signals b ON b.signal_id = e.signal_id
      )
      SELECT ${FILE_ORDER.assessments}, ${quoteLiteral(ass.fileName)}, a._row,
        CASE WHEN k.signal_id IS NULL THEN ${ord('signal_id')} ELSE ${ord('decided_at')} END,
        CASE WHEN k.signal_id IS NULL THEN 'signal_id' ELSE 'decided_at' END,
        CASE WHEN k.signal_id IS NULL THEN 'SIGNAL_UNKNOWN' ELSE 'DATE_BEFORE_SIGNAL' END
      FROM ${ass.table} a LEFT JOIN known k ON k.signal_id = a.signal_id
      WHERE a.signal_id IS NOT NULL AND regexp_full_match(a.signal_id, ${quoteLiteral(ID_FULL)})
        AND (k.signal_id IS NULL OR try_cast(a.decided_at AS DATE) < k.received_at)`);
  }

  private async collectSqlErrors(conn: DuckDBConnection): Promise<void> {
    const cap = this.opts.errorCap ?? DEFAULT_ERROR_CAP;
    this.sqlErrorCount = (await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM errs`)).getRowObjectsJS()[0].n as number;
    const rows = (await conn.runAndReadAll(`SELECT file_ord, file, "row", col_ord, "column", rule FROM errs ORDER BY file_ord, "row", col_ord LIMIT ${cap}`)).getRowObjectsJS() as {
      file_ord: number;
      file: string;
      row: number;
      col_ord: number;
      column: string;
      rule: RuleCode;
    }[];
    this.sqlErrors = rows.map((r) => ({ ...makeError(r.file, r.row, r.column, r.rule), fileOrd: r.file_ord, colOrd: r.col_ord }));
  }

  report(): ValidationReport {
    const cap = this.opts.errorCap ?? DEFAULT_ERROR_CAP;
    const data = [this.manifest.files.signals?.name, this.manifest.files.assessments?.name];
    // Archive and manifest errors first, then signals, then assessments.
    const fileOrd = (file: string) => (!data.includes(file) ? 0 : file === data[0] ? 1 : 2);
    // File, then row (file-level errors first), then column; errors found in JS keep their order.
    const keyed = [
      ...this.jsErrors.map((e, i) => ({ e, k: [fileOrd(e.file), e.row ?? -1, -1e6 + i] })),
      ...this.sqlErrors.map((e) => ({ e, k: [e.fileOrd, e.row ?? -1, e.colOrd] })),
    ].sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2]);
    const errors = keyed.slice(0, cap).map(({ e }) => {
      const { file, row, column, rule, message, detail } = e;
      return detail === undefined ? { file, row, column, rule, message } : { file, row, column, rule, message, detail };
    });
    const errorCount = this.errorCount;
    const m = this.manifest;
    return {
      ok: errorCount === 0,
      contract_version: '1',
      batch: { region_code: m.region_code, batch_id: m.batch_id, produced_at: m.produced_at, period: m.period },
      errors,
      errorCount,
      truncated: errorCount > errors.length,
      counts: { signals: this.sources.signals?.rows ?? null, assessments: this.sources.assessments?.rows ?? null },
      validated_at: this.validatedAt.toISOString(),
    };
  }

  /** Writes the (valid) batch as typed Parquet `signals.parquet` and `assessments.parquet` into outDir. */
  async writeParquet(outDir: string): Promise<void> {
    if (!this.checked || this.errorCount > 0) throw new Error('only a batch that passed validation can be written');
    const conn = await this.connection();
    for (const kind of KINDS) {
      const target = join(outDir, `${kind}.parquet`);
      await conn.run(`COPY (SELECT * EXCLUDE (_bad) FROM typed_${kind}) TO ${quoteLiteral(target)} (FORMAT parquet, COMPRESSION zstd)`);
    }
  }

  async close(): Promise<void> {
    // Closing the connection drops its TEMP tables (the staged rows) at once.
    this.conn?.closeSync();
    this.conn = null;
    await this.ownEngine?.close();
    this.ownEngine = null;
  }

  private async connection(): Promise<DuckDBConnection> {
    if (this.conn) return this.conn;
    const engine = this.opts.engine ?? (this.ownEngine = new ValidationEngine({ workDir: this.opts.workDir, threads: this.opts.threads }));
    this.conn = await engine.connect();
    return this.conn;
  }
}

/** Checks a batch folder or `.zip` and returns the report; loads nothing. */
export async function validateBatch(path: string, opts: ValidateOptions = {}): Promise<ValidationReport> {
  const delivery = await openDelivery(path, { maxBytes: opts.maxDeliveryBytes, workDir: opts.workDir });
  try {
    const v = await BatchValidation.prepare(delivery.dir, { ...opts, deliveryErrors: delivery.errors });
    try {
      await v.checkRows();
      return v.report();
    } finally {
      await v.close();
    }
  } finally {
    delivery.cleanup();
  }
}
