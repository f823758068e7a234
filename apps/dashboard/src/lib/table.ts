/**
 * One model per panel: the table, its CSV download and its chart are all drawn from the same
 * rows, so what is downloaded is exactly what is shown.
 */
import type { CellValue, ColumnKind, MetricColumn, MetricRow, MetricTable } from '../api/types';
import type { Lang } from '../i18n/messages';
import { classifySuppression, formatValue, suppressedText, type SuppressionKind } from './format';

export interface TableColumn {
  key: string;
  label: string;
  kind: ColumnKind;
}

export interface TableCell {
  raw: CellValue;
  text: string;
  suppression?: SuppressionKind;
  /** A second line under the value (e.g. the change against the previous period). */
  detail?: string;
  /** A link for the cell (a region's name to its region page). */
  href?: string;
}

export interface TableModel {
  caption: string;
  k: number;
  columns: TableColumn[];
  rows: TableCell[][];
  /** The source row behind each table row (for charts that need other fields of it). */
  source: MetricRow[];
  /** Which kinds of suppression occur, for the legend. */
  suppressionKinds: SuppressionKind[];
  hasNotApplicable: boolean;
  /** `cell_key` (noise), `exact` (a regio caller's own rows) or absent (a response before v2). */
  protection?: string;
  /** `approximate`: parts need not add up exactly to their total. */
  additivity?: string;
}

export interface TableOptions {
  lang: Lang;
  caption: string;
  /** Columns to show, in this order (default: all of the response). */
  columns?: string[];
  rowFilter?: (row: MetricRow, index: number) => boolean;
  columnLabel: (column: MetricColumn) => string;
  dimensionText: (column: string, value: CellValue, row: MetricRow) => string;
}

export function buildTable(response: MetricTable & { k: number }, opts: TableOptions): TableModel {
  const byName = new Map(response.columns.map((c) => [c.name, c]));
  const chosen = (opts.columns ?? response.columns.map((c) => c.name)).map((n) => byName.get(n)).filter((c): c is MetricColumn => c !== undefined);
  const suppressed = new Map(response.suppressed.map((s) => [`${s.row}|${s.column}`, s.reason]));
  const kinds = new Set<SuppressionKind>();
  let hasNotApplicable = false;
  const rows: TableCell[][] = [];
  const source: MetricRow[] = [];
  response.rows.forEach((row, i) => {
    if (opts.rowFilter && !opts.rowFilter(row, i)) return;
    source.push(row);
    rows.push(
      chosen.map((col) => {
        const raw = row[col.name] ?? null;
        const reason = suppressed.get(`${i}|${col.name}`);
        if (reason !== undefined && raw === null) {
          const s = classifySuppression(col.kind, reason);
          kinds.add(s);
          return { raw: null, text: suppressedText(s, response.k, opts.lang), suppression: s };
        }
        if (col.kind === 'dimension') return { raw, text: opts.dimensionText(col.name, raw, row) };
        if (raw === null) hasNotApplicable = true;
        return { raw, text: formatValue(raw, col.kind, opts.lang) };
      }),
    );
  });
  return {
    caption: opts.caption,
    k: response.k,
    columns: chosen.map((c) => ({ key: c.name, label: opts.columnLabel(c), kind: c.kind })),
    rows,
    source,
    suppressionKinds: [...kinds],
    hasNotApplicable,
    ...protectionOf(response),
  };
}

/** The protection a response declares (disclosure control v2), if any. */
export function protectionOf(response: object): Pick<TableModel, 'protection' | 'additivity'> {
  const r = response as { protection?: unknown; additivity?: unknown };
  return {
    ...(typeof r.protection === 'string' ? { protection: r.protection } : {}),
    ...(typeof r.additivity === 'string' ? { additivity: r.additivity } : {}),
  };
}

/** The values of one column as numbers for a chart; suppressed and missing values are null. */
export function columnValues(model: TableModel, key: string): (number | null)[] {
  const i = model.columns.findIndex((c) => c.key === key);
  if (i < 0) return model.rows.map(() => null);
  return model.rows.map((r) => (typeof r[i].raw === 'number' ? (r[i].raw as number) : null));
}

/** The same model restricted to some rows (for a chart that leaves out e.g. the total row). */
export function filterRows(model: TableModel, keep: (row: MetricRow) => boolean): TableModel {
  const idx = model.source.map((r, i) => (keep(r) ? i : -1)).filter((i) => i >= 0);
  return { ...model, rows: idx.map((i) => model.rows[i]), source: idx.map((i) => model.source[i]) };
}

/** The first row matching, e.g. the total row that gives a chart its national reference line. */
export function findRow(model: TableModel, match: (row: MetricRow) => boolean): { cells: TableCell[]; source: MetricRow } | null {
  const i = model.source.findIndex(match);
  return i < 0 ? null : { cells: model.rows[i], source: model.source[i] };
}

export function cellOf(model: TableModel, row: TableCell[], key: string): TableCell | undefined {
  const i = model.columns.findIndex((c) => c.key === key);
  return i < 0 ? undefined : row[i];
}
