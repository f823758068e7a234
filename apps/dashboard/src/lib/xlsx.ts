/**
 * Excel download of exactly the table on screen (the same cells as the CSV: numbers as
 * numbers, a value not shown as its text "< 5"), with a sheet "Toelichting" that states the
 * scope, the date, k and the protection used. exceljs is loaded only when a user asks for a
 * workbook, so it never weighs on the first page load.
 */
import type { TableModel } from './table';

export interface WorkbookNotes {
  /** Sheet name of the explanation ("Toelichting" / "Explanation"). */
  sheetName: string;
  /** Label/value lines of the explanation sheet, in order. */
  lines: [string, string][];
}

/** A worksheet name Excel accepts: at most 31 characters, none of []:*?/\ . */
export function sheetName(caption: string): string {
  const clean = caption
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return (clean || 'Tabel').slice(0, 31);
}

/** The value of a cell as written: a number stays a number, everything else its text. */
export function xlsxValue(model: TableModel, row: number, col: number): string | number | null {
  const cell = model.rows[row][col];
  if (cell.suppression) return cell.text;
  if (model.columns[col].kind === 'dimension') return cell.text;
  if (cell.raw === null || cell.raw === undefined) return null;
  if (typeof cell.raw === 'number') return cell.raw;
  return cell.text;
}

export async function tableToXlsx(model: TableModel, notes: WorkbookNotes): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Weegwijzer';
  const ws = wb.addWorksheet(sheetName(model.caption === notes.sheetName ? `${model.caption} (tabel)` : model.caption));
  ws.addRow(model.columns.map((c) => c.label)).font = { bold: true };
  model.rows.forEach((_, r) => ws.addRow(model.columns.map((_c, c) => xlsxValue(model, r, c))));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  model.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = Math.min(48, Math.max(10, c.label.length + 2));
    if (c.kind === 'share') ws.getColumn(i + 1).numFmt = '0.0%';
  });
  const info = wb.addWorksheet(notes.sheetName);
  for (const line of notes.lines) info.addRow(line);
  info.getColumn(1).width = 28;
  info.getColumn(2).width = 100;
  info.getColumn(1).font = { bold: true };
  return wb.xlsx.writeBuffer() as Promise<ArrayBuffer>;
}
