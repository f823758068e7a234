/**
 * CSV export of a response. A suppressed value is written as the marker `x` (Statistics
 * Netherlands' sign for "secret/confidential"), so suppression survives any spreadsheet; a
 * value that is not defined (0/0, no earlier year) is an empty cell. With `;` as separator
 * (Dutch Excel) decimals get a comma unless `decimal` says otherwise.
 */
import type { MetricTable } from './types';

export const SUPPRESSED_MARKER = 'x';

export interface CsvOptions {
  sep?: ',' | ';';
  bom?: boolean;
  decimal?: '.' | ',';
}

export function toCsv(table: MetricTable, options: CsvOptions = {}): string {
  const sep = options.sep ?? ',';
  const decimal = options.decimal ?? (sep === ';' ? ',' : '.');
  const hidden = new Set(table.suppressed.map((s) => `${s.row}\u0000${s.column}`));
  const quote = (s: string) => (s.includes(sep) || /["\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);
  const format = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') {
      const s = Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(12)));
      return decimal === ',' ? s.replace('.', ',') : s;
    }
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    return String(v);
  };
  const lines = [table.columns.map((c) => quote(c.name)).join(sep)];
  table.rows.forEach((row, i) => {
    lines.push(table.columns.map((c) => quote(hidden.has(`${i}\u0000${c.name}`) ? SUPPRESSED_MARKER : format(row[c.name]))).join(sep));
  });
  return (options.bom ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n';
}
