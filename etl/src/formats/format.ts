/**
 * One input format of a delivery = one `FormatReader` (csv.format.ts, jsonl.format.ts, …),
 * registered in `FORMATS` (./index.ts). Validation, the manifest check, the demo writer, the
 * test fixtures, the rule message and the API's upload list all read the registry, so a new
 * format is one module plus one line there (docs/ARCHITECTURE.md, "Adding an input format").
 *
 * This file and the format modules import nothing from validation at run time (types only):
 * the rule list builds its FILE_FORMAT_UNSUPPORTED message from the registry.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnSpec, FileKind } from '@weegwijzer/contract';
import type { FileSink, ParquetConverter } from '../demo/sinks';
import type { FixtureRow, TestBatchOptions } from '../testing/batch-fixture';
import type { RuleCode } from '../validate/rules';

/** The file a reader opens, as validation's SourceFile shows it. */
export interface ReadTarget {
  readonly conn: DuckDBConnection;
  readonly kind: FileKind;
  readonly path: string;
  /** The contract's column names of this kind of file, in order. */
  readonly contract: string[];
  /** `stg_<kind>`: where a reader that stages puts the rows (`_row`, then every contract column as VARCHAR). */
  readonly table: string;
  /** The file holds both kinds (one workbook with two sheets). */
  readonly combinedWorkbook: boolean;
  /** Data rows, once known. */
  rows: number;
  rowsCheckable: boolean;
  /** Compares the file's column names with the contract (unknown, duplicate, and with `requireAll` missing columns). */
  checkColumns(found: string[], requireAll: boolean): void;
  /** A structural problem: the file's rows are not checked further. */
  fail(rule: RuleCode, detail?: string, row?: number | null): void;
  /** A problem found while reading, always kept. */
  addError(row: number | null, column: string | null, rule: RuleCode): void;
  /** A problem found while reading a row, kept up to the error cap and counted beyond it. */
  pushError(row: number | null, column: string | null, rule: RuleCode, detail?: string): void;
}

/** What `open` made of a file: its rows staged into the target's table, or a relation to read them from. */
export type OpenedRows =
  | { staged: true }
  | {
      staged: false;
      /** SQL relation with every contract column as VARCHAR (and `_row`, the 1-based data row, when asked). */
      relation(withRow: boolean): string;
      /** After the fast pass failed on the relation: finds which rows are broken (else the file is FILE_UNREADABLE). */
      diagnose?(): Promise<void>;
    };

/** A reader's refusal that names its rule (the file is then not read further). */
export class FormatReadError extends Error {
  constructor(
    readonly rule: RuleCode,
    readonly detail?: string,
  ) {
    super(rule);
  }
}

export interface FormatReader {
  /** Human name, for docs and usage texts. */
  readonly label: string;
  /** File extensions (lower case, without the dot); the first is what the demo and fixtures write. */
  readonly extensions: readonly string[];
  /** Its row in docs/data-contract.md §3 (Markdown, generated): what a region's file must look like. */
  readonly contractDoc: string;
  /** Near-miss extensions refused with a rule of their own (e.g. `.xlsm`: macros). */
  readonly refused?: Readonly<Record<string, { rule: RuleCode; detail?: string }>>;
  /**
   * Line-based text: the file is scanned for UTF-8 before reading, and a file larger than its
   * declared rows of at most 1 MiB each is refused unread.
   */
  readonly lineBased: boolean;
  /** A record may leave out a column whose value is not known, so every contract column is checked row by row. */
  readonly rowsMayOmitColumns: boolean;
  /** One file may hold both signals and assessments (the manifest names it twice). */
  readonly bothKindsInOneFile: boolean;
  /** Reads the header / schema (reporting column problems on the target) and opens or stages the rows; null when the reader reported why it cannot. */
  open(target: ReadTarget): Promise<OpenedRows | null>;
  /** Data rows from the file's metadata alone, before any row is read (absent: not known without reading). */
  metadataRows?(conn: DuckDBConnection, path: string): Promise<number>;
  /** The demo generator's streaming writer. */
  sink<T extends object>(path: string, columns: readonly ColumnSpec[], converter: ParquetConverter): FileSink<T>;
  /** Writes a test fixture's rows of one kind (columns as given, values as written by hand). */
  writeFixture(path: string, kind: FileKind, rows: FixtureRow[], columns: string[], opts: TestBatchOptions): Promise<void>;
}

/** Keeps only the location of a reader error (never the quoted content). */
export function readerErrorDetail(e: unknown): string | undefined {
  const m = /line:? (\d+)/i.exec(e instanceof Error ? e.message : '');
  return m ? `around line ${m[1]}` : undefined;
}
