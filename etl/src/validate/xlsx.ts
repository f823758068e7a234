/**
 * Reads an Excel workbook (`.xlsx`, contract 1.1) as a stream: the package with yauzl (the
 * same size limits as an archive delivery), each XML part with saxes, one row at a time.
 *
 * Why not exceljs' streaming reader: it does not expose hidden rows or columns, nor the
 * parts that hold macros or external links, and it caches shared strings and spools
 * worksheets to temp files without any size limit. Those are exactly what the contract's
 * Excel rules are about, so the workbook is read here with the two libraries underneath.
 *
 * Values are handed on by the contract type of their column, never interpreted by display
 * format: a text cell is taken as written (a leading zero stays), a number in a date
 * column is an Excel date serial (1900 or 1904 system), an Excel boolean becomes 1/0.
 */
import { StringDecoder } from 'node:string_decoder';
import { posix } from 'node:path';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { FormatReadError } from '../formats/format';
import type { RuleCode } from './rules';

/** Excel's own limit; a sheet cannot hold more rows. */
export const EXCEL_MAX_ROWS = 1_048_576;
/** Shared strings are held in memory while the sheets are read: at most this much XML. */
const MAX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024;
/** One worksheet's XML: a full sheet of 1,048,576 rows of the widest contract file fits easily. */
const MAX_SHEET_BYTES = 8 * 1024 * 1024 * 1024;
const SMALL_PART_BYTES = 16 * 1024 * 1024;
/** The sheet a data officer may add to explain the codes (the template has one). */
export const EXPLANATION_SHEET = 'Toelichting';

export interface WorkbookProblem {
  rule: RuleCode;
  detail?: string;
}

export interface SheetInfo {
  name: string;
  hidden: boolean;
  path: string;
}

/** A cell as read: its text, and what kind of cell it was. */
export interface XlsxCell {
  col: number;
  /** null: no value (an empty cell). */
  text: string | null;
  kind: 'text' | 'number' | 'bool' | 'error' | 'date';
  formula: boolean;
}

export interface SheetRowHandler {
  /** Every row with at least one value (and every row with a formula), in order; `row` is Excel's 1-based row number. */
  row(row: number, cells: XlsxCell[], hidden: boolean): void;
  /** Columns (0-based) marked hidden, before the rows. */
  hiddenColumns?(cols: Set<number>): void;
}

/** A workbook-level refusal (its rule and where); the sheet is not read further. */
export class XlsxError extends FormatReadError {}

export class XlsxWorkbook {
  readonly problems: WorkbookProblem[] = [];
  sheets: SheetInfo[] = [];
  date1904 = false;
  private sharedStrings: string[] | null = null;
  private readonly entries = new Map<string, Entry>();

  private constructor(private readonly zip: ZipFile) {}

  /** Opens the package and reads the workbook part; throws XlsxError when it is not a workbook. */
  static async open(path: string): Promise<XlsxWorkbook> {
    let zip: ZipFile;
    try {
      zip = await new Promise<ZipFile>((resolve, reject) =>
        yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (err, z) => (err || !z ? reject(err) : resolve(z))),
      );
    } catch {
      throw new XlsxError('FILE_UNREADABLE', 'not an Excel .xlsx workbook (a zip package)');
    }
    const wb = new XlsxWorkbook(zip);
    try {
      await wb.readDirectory();
      await wb.readWorkbook();
    } catch (e) {
      wb.close();
      throw e;
    }
    return wb;
  }

  close(): void {
    this.zip.close();
  }

  private async readDirectory(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.zip.on('entry', (e: Entry) => {
        this.entries.set(e.fileName.replace(/^\/+/, ''), e);
        this.zip.readEntry();
      });
      this.zip.once('end', () => resolve());
      this.zip.once('error', () => reject(new XlsxError('FILE_UNREADABLE', 'the workbook package is damaged')));
      this.zip.readEntry();
    });
    const names = [...this.entries.keys()];
    if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n) || (/\.bin$/i.test(n) && /vba/i.test(n)))) this.problems.push({ rule: 'EXCEL_MACROS' });
    else {
      const types = this.entries.get('[Content_Types].xml');
      if (types && /macroEnabled/i.test(await this.readSmall(types))) this.problems.push({ rule: 'EXCEL_MACROS' });
    }
    if (names.some((n) => /^xl\/externalLinks\//i.test(n) || /^xl\/connections\.xml$/i.test(n))) this.problems.push({ rule: 'EXCEL_EXTERNAL_LINK' });
    else {
      for (const n of names.filter((x) => x.endsWith('.rels'))) {
        if (/TargetMode\s*=\s*["']External["']/i.test(await this.readSmall(this.entries.get(n)!))) {
          this.problems.push({ rule: 'EXCEL_EXTERNAL_LINK', detail: 'a link to another file or address' });
          break;
        }
      }
    }
  }

  private async readWorkbook(): Promise<void> {
    const wbEntry = this.entries.get('xl/workbook.xml');
    if (!wbEntry) throw new XlsxError('FILE_UNREADABLE', 'the package has no workbook part');
    const sheets: { name: string; state: string; rid: string }[] = [];
    await this.parse(wbEntry, SMALL_PART_BYTES, (p) => {
      p.on('opentag', (t) => {
        if (t.name === 'workbookPr') this.date1904 = ['1', 'true'].includes(String(t.attributes.date1904 ?? ''));
        if (t.name === 'sheet') sheets.push({ name: String(t.attributes.name ?? ''), state: String(t.attributes.state ?? 'visible'), rid: String(t.attributes['r:id'] ?? '') });
      });
    });
    const targets = new Map<string, string>();
    const relsEntry = this.entries.get('xl/_rels/workbook.xml.rels');
    if (relsEntry) {
      await this.parse(relsEntry, SMALL_PART_BYTES, (p) => {
        p.on('opentag', (t) => {
          if (t.name === 'Relationship') targets.set(String(t.attributes.Id), String(t.attributes.Target ?? ''));
        });
      });
    }
    this.sheets = sheets.map((s) => {
      const target = targets.get(s.rid) ?? '';
      const path = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join('xl', target));
      return { name: s.name, hidden: s.state !== 'visible', path };
    });
  }

  /** The shared-string table (read once, bounded). */
  private async strings(): Promise<string[]> {
    if (this.sharedStrings) return this.sharedStrings;
    const out: string[] = [];
    const entry = this.entries.get('xl/sharedStrings.xml');
    if (entry) {
      let inSi = false;
      let inT = false;
      let inPhonetic = false;
      let current = '';
      await this.parse(entry, MAX_SHARED_STRINGS_BYTES, (p) => {
        p.on('opentag', (t) => {
          if (t.name === 'si') {
            inSi = true;
            current = '';
          } else if (t.name === 'rPh') inPhonetic = true;
          else if (t.name === 't' && inSi && !inPhonetic) inT = true;
        });
        p.on('text', (x) => {
          if (inT) current += x;
        });
        p.on('closetag', (t) => {
          if (t.name === 't') inT = false;
          else if (t.name === 'rPh') inPhonetic = false;
          else if (t.name === 'si') {
            out.push(current);
            inSi = false;
          }
        });
      });
    }
    this.sharedStrings = out;
    return out;
  }

  /** True when the sheet holds at least one value (for a hidden sheet). */
  async sheetHasValues(sheet: SheetInfo): Promise<boolean> {
    let found = false;
    await this.readSheet(sheet, {
      row: (_r, cells) => {
        if (cells.some((c) => c.text !== null)) found = true;
      },
    });
    return found;
  }

  /** Streams the rows of a sheet to the handler. */
  async readSheet(sheet: SheetInfo, handler: SheetRowHandler): Promise<void> {
    const entry = this.entries.get(sheet.path);
    if (!entry) throw new XlsxError('FILE_UNREADABLE', 'a sheet named in the workbook is missing from the package');
    const strings = await this.strings();
    const hiddenCols = new Set<number>();
    let inSheetData = false;
    let rowNo = 0;
    let rowHidden = false;
    let cells: XlsxCell[] = [];
    let cell: { col: number; type: string; formula: boolean; v: string | null; inline: string | null } | null = null;
    let textTarget: 'v' | 'is' | null = null;
    let inPhonetic = false;
    let lastCol = -1;
    await this.parse(entry, MAX_SHEET_BYTES, (p) => {
      p.on('opentag', (t: SaxesTagPlain) => {
        switch (t.name) {
          case 'col':
            if (['1', 'true'].includes(String(t.attributes.hidden ?? ''))) {
              const min = Number(t.attributes.min);
              const max = Math.min(Number(t.attributes.max), 16384);
              for (let c = min; c <= max; c++) hiddenCols.add(c - 1);
            }
            break;
          case 'sheetData':
            inSheetData = true;
            handler.hiddenColumns?.(hiddenCols);
            break;
          case 'row': {
            const r = t.attributes.r ? Number(t.attributes.r) : rowNo + 1;
            if (!Number.isSafeInteger(r) || r <= rowNo || r > EXCEL_MAX_ROWS) throw new XlsxError('FILE_UNREADABLE', "rows out of order or beyond Excel's limit");
            rowNo = r;
            rowHidden = ['1', 'true'].includes(String(t.attributes.hidden ?? ''));
            cells = [];
            lastCol = -1;
            break;
          }
          case 'c': {
            const ref = t.attributes.r ? String(t.attributes.r) : null;
            const col = ref ? columnIndex(ref) : lastCol + 1;
            if (col < 0 || col <= lastCol) throw new XlsxError('FILE_UNREADABLE', `row ${rowNo}: a cell reference is not valid`);
            lastCol = col;
            cell = { col, type: String(t.attributes.t ?? 'n'), formula: false, v: null, inline: null };
            break;
          }
          case 'f':
            if (cell) cell.formula = true;
            break;
          case 'v':
            if (cell) {
              textTarget = 'v';
              cell.v = '';
            }
            break;
          case 'is':
            if (cell) cell.inline = '';
            break;
          case 'rPh':
            inPhonetic = true;
            break;
          case 't':
            if (cell && cell.inline !== null && !inPhonetic) textTarget = 'is';
            break;
        }
      });
      p.on('text', (x) => {
        if (!cell || textTarget === null) return;
        if (textTarget === 'v') cell.v += x;
        else cell.inline += x;
      });
      p.on('closetag', (t) => {
        switch (t.name) {
          case 'v':
          case 't':
            textTarget = null;
            break;
          case 'rPh':
            inPhonetic = false;
            break;
          case 'c':
            if (cell) {
              const c = toCell(cell, strings);
              if (c.text !== null || c.formula) cells.push(c);
              cell = null;
            }
            break;
          case 'row':
            if (inSheetData && cells.length > 0) handler.row(rowNo, cells, rowHidden);
            break;
          case 'sheetData':
            inSheetData = false;
            break;
        }
      });
    });
  }

  private async readSmall(entry: Entry): Promise<string> {
    let s = '';
    await this.stream(entry, SMALL_PART_BYTES, (chunk) => {
      s += chunk;
    });
    return s;
  }

  private async parse(entry: Entry, limit: number, setup: (p: SaxesParser) => void): Promise<void> {
    const parser = new SaxesParser();
    let failure: unknown = null;
    parser.on('error', (e) => {
      failure ??= e;
    });
    setup(parser);
    await this.stream(entry, limit, (chunk) => {
      parser.write(chunk);
      if (failure) throw failure instanceof XlsxError ? failure : new XlsxError('FILE_UNREADABLE', 'a part of the workbook is not well-formed XML');
    });
    parser.close();
    if (failure) throw failure instanceof XlsxError ? failure : new XlsxError('FILE_UNREADABLE', 'a part of the workbook is not well-formed XML');
  }

  private async stream(entry: Entry, limit: number, onText: (s: string) => void): Promise<void> {
    if (entry.uncompressedSize > limit) throw new XlsxError('EXCEL_TOO_LARGE', `a part of the workbook unpacks to more than ${limit} bytes`);
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      this.zip.openReadStream(entry, (err, s) => (err || !s ? reject(new XlsxError('FILE_UNREADABLE', 'a part of the workbook cannot be inflated')) : resolve(s))),
    );
    const decoder = new StringDecoder('utf8');
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) onText(decoder.write(chunk));
      const rest = decoder.end();
      if (rest) onText(rest);
    } catch (e) {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      if (e instanceof XlsxError) throw e;
      // Parser errors from a handler (XlsxError) pass; a size mismatch or inflate error is a damaged package.
      throw e instanceof Error && e.name === 'XlsxError'
        ? e
        : new XlsxError('FILE_UNREADABLE', 'a part of the workbook cannot be inflated (damaged, or larger than its header says)');
    }
  }
}

/** "AB12" → 27 (0-based column). */
export function columnIndex(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) n = n * 26 + (code - 64);
    else if (code >= 97 && code <= 122) n = n * 26 + (code - 96);
    else break;
  }
  return i === 0 || n > 16384 ? -1 : n - 1;
}

/** 27 → "AB" (for messages about a column without a header). */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function toCell(c: { col: number; type: string; formula: boolean; v: string | null; inline: string | null }, strings: string[]): XlsxCell {
  // Plain object literals (no spread): this runs once per cell.
  const { col, formula, v } = c;
  switch (c.type) {
    case 's': {
      const i = v === null ? NaN : Number(v);
      const text = Number.isInteger(i) && i >= 0 && i < strings.length ? strings[i] : null;
      return { col, formula, kind: 'text', text: text === '' ? null : text };
    }
    case 'inlineStr':
      return { col, formula, kind: 'text', text: c.inline === '' ? null : c.inline };
    case 'str':
      return { col, formula, kind: 'text', text: v === '' ? null : v };
    case 'b':
      return { col, formula, kind: 'bool', text: v === null || v === '' ? null : v.trim() === '0' ? '0' : '1' };
    case 'e':
      return { col, formula, kind: 'error', text: v === '' ? null : v };
    case 'd':
      return { col, formula, kind: 'date', text: v === null || v === '' ? null : v.slice(0, 10) };
    default:
      return { col, formula, kind: 'number', text: v === null || v.trim() === '' ? null : v.trim() };
  }
}

/** An Excel date serial → YYYY-MM-DD (the time of day dropped); null when it is not a plausible date. */
export function excelSerialToDate(serial: string, date1904: boolean): string | null {
  const n = Number(serial);
  if (!Number.isFinite(n) || n < 1 || n > 2958465) return null;
  // 1900 system: day 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was.
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, n < 61 ? 31 : 30);
  return new Date(epoch + Math.floor(n) * 86_400_000).toISOString().slice(0, 10);
}

/** A number as the text it stands for: "1" not "1.0", "111222333" not "1.11222333E8". */
export function numberText(raw: string): string {
  const n = Number(raw);
  if (!Number.isFinite(n)) return raw;
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? BigInt(n).toString() : String(n);
}
