/**
 * CSV of exactly the table on screen: the same rows, columns and headers, a suppressed value
 * written as on screen ("< 5"), numbers at full precision. UTF-8 with BOM so spreadsheet
 * programs read the accents; `;` and decimal comma for Dutch, `,` and decimal point for English.
 */
import type { Lang } from '../i18n/messages';
import { csvNumber } from './format';
import type { TableModel } from './table';

export const CSV_BOM = '\uFEFF';

export function csvSeparator(lang: Lang): string {
  return lang === 'nl' ? ';' : ',';
}

function quote(field: string, sep: string): string {
  // A text cell starting with a formula character is prefixed so a spreadsheet does not run it.
  const safe = /^[=+@\t\r]/.test(field) ? `'${field}` : field;
  return safe.includes(sep) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function tableToCsv(model: TableModel, lang: Lang): string {
  const sep = csvSeparator(lang);
  const lines = [model.columns.map((c) => quote(c.label, sep)).join(sep)];
  for (const row of model.rows) {
    lines.push(
      row
        .map((cell, i) => {
          if (cell.suppression) return quote(cell.text, sep);
          const kind = model.columns[i].kind;
          if (kind === 'dimension') return quote(cell.text, sep);
          if (cell.raw === null) return '';
          if (typeof cell.raw === 'number') return csvNumber(cell.raw, lang);
          return quote(cell.text, sep);
        })
        .join(sep),
    );
  }
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}

/** A file name for a panel's CSV: metric, view and scope, without characters that trouble file systems. */
export function csvFileName(parts: (string | undefined | null)[]): string {
  return (
    parts
      .filter((p): p is string => Boolean(p))
      .join('_')
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '') + '.csv'
  );
}
