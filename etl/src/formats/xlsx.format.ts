/**
 * Excel workbooks (.xlsx): the file's sheet is streamed into `stg_<kind>`, each cell converted
 * by its column's contract type, and the Excel rules (workbook parts, hidden places, formulas,
 * numbers where text belongs) applied on the way. `_row` is the data row (Excel row - 1).
 * One workbook may hold both files (sheets `signals` and `assessments`).
 */
import { DuckDBDataChunk, INTEGER, VARCHAR } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { COLUMNS_BY_FILE, type ColumnSpec, type FileKind } from '@weegwijzer/contract';
import { XlsxSink } from '../demo/sinks';
import { quoteIdent } from '../validate/sql';
import { columnLetter, excelSerialToDate, EXPLANATION_SHEET, numberText, XlsxError, XlsxWorkbook, type XlsxCell } from '../validate/xlsx';
import type { FixtureRow, TestBatchOptions } from '../testing/batch-fixture';
import type { FormatReader } from './format';

export const XLSX_FORMAT: FormatReader = {
  label: 'Excel',
  extensions: ['xlsx'],
  refused: {
    xlsm: { rule: 'EXCEL_MACROS' },
    xlsb: { rule: 'FILE_FORMAT_UNSUPPORTED', detail: 'save the workbook as .xlsx' },
    xls: { rule: 'FILE_FORMAT_UNSUPPORTED', detail: 'save the workbook as .xlsx' },
  },
  contractDoc: 'one workbook per file, or one workbook named in both `files` entries with sheets `signals` and `assessments`; see below.',
  lineBased: false,
  rowsMayOmitColumns: false,
  bothKindsInOneFile: true,

  async open(target) {
    const wb = await XlsxWorkbook.open(target.path);
    try {
      // A workbook holding both files reports its workbook-level problems once, under signals.
      const reportWorkbook = !target.combinedWorkbook || target.kind === 'signals';
      if (reportWorkbook) {
        for (const p of wb.problems) target.pushError(null, null, p.rule, p.detail);
        for (const sheet of wb.sheets.filter((x) => x.hidden)) if (await wb.sheetHasValues(sheet)) target.pushError(null, null, 'EXCEL_HIDDEN_SHEET');
      }
      const visible = wb.sheets.filter((x) => !x.hidden);
      const sheet =
        visible.find((x) => x.name === target.kind) ??
        (target.combinedWorkbook ? undefined : visible.filter((x) => x.name !== EXPLANATION_SHEET).length === 1 ? visible.find((x) => x.name !== EXPLANATION_SHEET) : undefined);
      if (!sheet) {
        target.fail('EXCEL_SHEET_MISSING', `a visible sheet named "${target.kind}"`);
        return null;
      }
      const specs = COLUMNS_BY_FILE[target.kind];
      await target.conn.run(`CREATE OR REPLACE TEMP TABLE ${target.table} (_row INTEGER, ${target.contract.map((c) => `${quoteIdent(c)} VARCHAR`).join(', ')})`);
      const appender = await target.conn.createAppender(target.table, 'main', 'temp');
      const types = [INTEGER, ...target.contract.map(() => VARCHAR)];
      const CHUNK = 2048;
      let buffer: (string | null)[][] = target.contract.map(() => []);
      let rowNumbers: number[] = [];
      const flush = () => {
        if (rowNumbers.length === 0) return;
        const chunk = DuckDBDataChunk.create(types, rowNumbers.length);
        chunk.setColumnValues(0, rowNumbers);
        buffer.forEach((values, i) => chunk.setColumnValues(i + 1, values));
        appender.appendDataChunk(chunk);
        buffer = target.contract.map(() => []);
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
              target.checkColumns(
                names.filter((n) => n !== ''),
                true,
              );
              if (names.some((n) => n === '') && names.length > 0) target.pushError(null, null, 'COLUMN_UNKNOWN', 'a header cell in row 1 is empty or not text');
              mapping = names.map((n) => target.contract.indexOf(n));
              // A duplicated contract column: only its first occurrence is read.
              mapping = mapping.map((m, i) => (m >= 0 && mapping!.indexOf(m) !== i ? -1 : m));
              headerWidth = names.length;
              for (const c of cells) if (c.formula) target.pushError(null, null, 'EXCEL_FORMULA', 'in the header row');
              return;
            }
            const row = excelRow - 1;
            const values: (string | null)[] = target.contract.map(() => null);
            let any = false;
            for (const c of cells) {
              const index = c.col < headerWidth ? mapping[c.col] : -1;
              const column = index >= 0 ? target.contract[index] : null;
              if (c.formula) target.pushError(row, column, 'EXCEL_FORMULA');
              if (c.text === null) continue;
              any = true;
              if (hidden) target.pushError(row, column, 'EXCEL_HIDDEN_ROW');
              if (hiddenCols.has(c.col) && !hiddenReported.has(c.col)) {
                hiddenReported.add(c.col);
                target.pushError(null, column, 'EXCEL_HIDDEN_COLUMN', column ? undefined : `column ${columnLetter(c.col)}`);
              }
              if (index < 0) {
                if (c.col >= headerWidth && !outsideReported.has(c.col)) {
                  outsideReported.add(c.col);
                  target.pushError(null, null, 'COLUMN_UNKNOWN', `values in column ${columnLetter(c.col)}, which has no header`);
                }
                continue;
              }
              values[index] = cellText(c, specs[index].type, wb.date1904, () => target.pushError(row, column, 'EXCEL_TEXT_AS_NUMBER'));
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
      if (mapping === null) {
        target.fail('FILE_UNREADABLE', 'the sheet has no header row');
        return null;
      }
      return { staged: true };
    } finally {
      wb.close();
    }
  },

  sink: (path, columns) => new XlsxSink(path, columns, columns.some((c) => c.name === 'assessment_id') ? 'assessments' : 'signals'),

  async writeFixture(path, kind, rows, columns, opts) {
    const wb = new ExcelJS.Workbook();
    addFixtureSheet(wb, kind, rows, columns, opts);
    opts.xlsx?.edit?.(wb, kind);
    await wb.xlsx.writeFile(path);
  },
};

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

/** A fixture sheet as a data officer's export makes it: codes as text, dates as Excel dates, scores as numbers, booleans as booleans. */
export function addFixtureSheet(wb: ExcelJS.Workbook, kind: FileKind, rows: FixtureRow[], columns: string[], opts: TestBatchOptions): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(kind);
  const specs = new Map(COLUMNS_BY_FILE[kind].map((s) => [s.name, s]));
  ws.addRow(columns);
  for (const r of rows) {
    ws.addRow(
      columns.map((c) => {
        const v = r[c];
        if (v === null || v === undefined) return null;
        if (specs.get(c)?.type === 'date' && !opts.xlsx?.textDates && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00Z`);
        return v;
      }),
    );
  }
  for (const [i, c] of columns.entries()) if (specs.get(c)?.type === 'date') ws.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
  return ws;
}
