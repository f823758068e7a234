/**
 * CSV (RFC 4180): the header's dialect (delimiter, BOM) is read first, then DuckDB scans the
 * file strictly with exactly that dialect, every header column under a positional alias. When
 * the strict scan fails, a tolerant one finds the broken rows.
 */
import { writeFileSync } from 'node:fs';
import { CsvSink } from '../demo/sinks';
import { readCsvHeader } from '../validate/csv-header';
import { quoteIdent, quoteLiteral } from '../validate/sql';
import type { FixtureRow } from '../testing/batch-fixture';
import { readerErrorDetail, type FormatReader, type ReadTarget } from './format';

export const CSV_FORMAT: FormatReader = {
  label: 'CSV',
  extensions: ['csv'],
  contractDoc:
    'UTF-8, with or without BOM; separator comma `,` or semicolon `;` (one per file); header row with the column names; RFC 4180 quoting (`"…"`, a quote inside is doubled `""`); line ends CRLF or LF. An empty cell means *not known*. A Latin-1 / Windows-1252 file is rejected with a message saying so — in Excel choose "CSV UTF-8".',
  lineBased: true,
  rowsMayOmitColumns: false,
  bothKindsInOneFile: false,

  async open(target) {
    const header = await readCsvHeader(target.path);
    if (!header) {
      target.fail('FILE_UNREADABLE', 'the file has no header row');
      return null;
    }
    target.checkColumns(header.columns, true);
    const scan = (collectRejects: boolean) => csvScan(target, header, collectRejects);
    return {
      staged: false,
      relation(withRow) {
        const rowExpr = (expr: string) => (withRow ? `CAST(${expr} AS INTEGER) AS _row, ` : '');
        const first = new Map<string, number>();
        header.columns.forEach((n, i) => first.has(n) || first.set(n, i));
        const cols = target.contract.map((c) => `nullif(${first.has(c) ? `c${first.get(c)}` : 'NULL'}, '') AS ${quoteIdent(c)}`).join(', ');
        return `(SELECT ${rowExpr('row_number() OVER ()')}${cols} FROM ${scan(false)})`;
      },
      diagnose: () => diagnoseCsv(target, scan),
    };
  },

  sink: (path, columns) => new CsvSink(path, columns),

  async writeFixture(path, _kind, rows, columns, opts) {
    const d = opts.csv?.delimiter ?? ',';
    const nl = opts.csv?.crlf ? '\r\n' : '\n';
    const q = opts.csv?.quoteAll ?? false;
    const lines = [columns.map((c) => csvCell(c, d, q)).join(d), ...rows.map((r) => columns.map((c) => csvCell(r[c], d, q)).join(d))];
    const text = (opts.csv?.bom ? '\uFEFF' : '') + lines.join(nl) + nl;
    writeFileSync(path, Buffer.from(text, opts.csv?.encoding === 'latin1' ? 'latin1' : 'utf8'));
  },
};

/** The CSV scan with exactly the dialect read from the header; every header column read under a positional alias. */
function csvScan(target: ReadTarget, header: { delimiter: string; columns: string[] }, collectRejects: boolean): string {
  const { delimiter, columns } = header;
  const types = `{${columns.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ')}}`;
  const rejects = collectRejects ? `, ignore_errors = true, store_rejects = true, rejects_table = 'rej_${target.kind}', rejects_scan = 'rej_${target.kind}_scan'` : '';
  return `read_csv(${quoteLiteral(target.path)}, auto_detect = false, header = true, delim = ${quoteLiteral(delimiter)},
      quote = '"', escape = '"', columns = ${types}, strict_mode = true, null_padding = false, max_line_size = 1048576${rejects})`;
}

/**
 * After a strict CSV read failed: reads again tolerantly to find which rows are broken
 * (DuckDB's reject table gives the line; only line and error type are used).
 */
async function diagnoseCsv(target: ReadTarget, scan: (collectRejects: boolean) => string): Promise<void> {
  target.rowsCheckable = false;
  try {
    const counted = (await target.conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${scan(true)}`)).getRowObjectsJS()[0].n as number;
    const bad = (await target.conn.runAndReadAll(`SELECT DISTINCT CAST(line AS INTEGER) AS line, error_type FROM rej_${target.kind} ORDER BY line`)).getRowObjectsJS() as {
      line: number;
      error_type: string;
    }[];
    target.rows = counted + new Set(bad.map((b) => b.line)).size;
    if (bad.length === 0) return target.fail('FILE_UNREADABLE');
    for (const b of bad) target.fail(/ENCODING|UNICODE/.test(b.error_type) ? 'FILE_NOT_UTF8' : 'CSV_MALFORMED', undefined, b.line - 1);
  } catch (e) {
    target.fail('FILE_UNREADABLE', readerErrorDetail(e));
  }
}

function csvCell(v: FixtureRow[string], delimiter: string, quoteAll: boolean): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return quoteAll || s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r') ? `"${s.replace(/"/g, '""')}"` : s;
}
