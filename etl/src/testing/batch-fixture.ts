/**
 * Writes small hand-made batches for tests (here and in other packages): the rows as
 * given, in any input format and CSV dialect, with a manifest whose rows/sha256 match
 * unless overridden.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { Bool, DateDay, Int8, Table, Utf8, Vector, tableToIPC, vectorFromArray } from 'apache-arrow';
import { ASSESSMENT_COLUMNS, COLUMNS_BY_FILE, SIGNAL_COLUMNS, type FileKind, type InputFormat } from '@weegwijzer/contract';

export type FixtureRow = Record<string, string | number | boolean | null | undefined>;

export interface TestBatchOptions {
  region?: string;
  batchId?: string;
  producedAt?: string;
  period?: { from: string; to: string };
  format?: InputFormat;
  /** Per-file format override. */
  formats?: Partial<Record<FileKind, InputFormat>>;
  signals: FixtureRow[];
  assessments: FixtureRow[];
  csv?: { delimiter?: ',' | ';'; bom?: boolean; crlf?: boolean; quoteAll?: boolean; encoding?: 'utf8' | 'latin1' };
  /** Columns to write (default: the contract's, in order). Extra keys of rows are written only when listed. */
  columns?: Partial<Record<FileKind, string[]>>;
  /** Deep-merged into the generated manifest (null deletes a key). */
  manifest?: Record<string, unknown>;
  /** Excel: one workbook `batch.xlsx` with sheets signals and assessments; `edit` changes a workbook before it is saved. */
  xlsx?: { combined?: boolean; edit?: (wb: ExcelJS.Workbook, kind: FileKind | 'both') => void; textDates?: boolean };
}

export function validSignal(n: number, overrides: FixtureRow = {}, region = 'VR13'): FixtureRow {
  return {
    signal_id: `S${region}x${String(n).padStart(6, '0')}`,
    subject_pseudonym: `P${String(n).padStart(4, '0')}abcdefghijklmnop`,
    region_code: region,
    municipality_code: 'GM0363',
    received_at: '2025-02-03',
    receiving_party: 'politie',
    source: 'politie_registratie',
    phenomenon: 'jihadisme',
    age_band: '18_24',
    ...overrides,
  };
}

export function validAssessment(n: number, signalNumber: number, overrides: FixtureRow = {}, region = 'VR13'): FixtureRow {
  return {
    assessment_id: `A${region}x${String(n).padStart(6, '0')}`,
    signal_id: `S${region}x${String(signalNumber).padStart(6, '0')}`,
    region_code: region,
    stage: 'weegploeg',
    body: 'weegploeg',
    decided_at: '2025-02-20',
    framework: 'wettelijke_criteria',
    c_geweld: 1,
    c_denkbeelden: 2,
    c_sociale_relaties: 0,
    c_identificatie: 1,
    c_zelfredzaamheid: 0,
    outcome: 'casusoverleg',
    enrichment: null,
    present_gemeente: true,
    present_politie: true,
    present_om: true,
    info_gemeente: true,
    info_politie: true,
    info_om: false,
    unanimous: true,
    analysis_recorded: true,
    decision_recorded: true,
    ...overrides,
  };
}

function csvCell(v: FixtureRow[string], delimiter: string, quoteAll: boolean): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return quoteAll || s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r') ? `"${s.replace(/"/g, '""')}"` : s;
}

async function writeFile(path: string, kind: FileKind, rows: FixtureRow[], columns: string[], format: InputFormat, opts: TestBatchOptions): Promise<void> {
  if (format === 'csv') {
    const d = opts.csv?.delimiter ?? ',';
    const nl = opts.csv?.crlf ? '\r\n' : '\n';
    const q = opts.csv?.quoteAll ?? false;
    const lines = [columns.map((c) => csvCell(c, d, q)).join(d), ...rows.map((r) => columns.map((c) => csvCell(r[c], d, q)).join(d))];
    const text = (opts.csv?.bom ? '\uFEFF' : '') + lines.join(nl) + nl;
    writeFileSync(path, Buffer.from(text, opts.csv?.encoding === 'latin1' ? 'latin1' : 'utf8'));
  } else if (format === 'jsonl') {
    writeFileSync(path, rows.map((r) => JSON.stringify(Object.fromEntries(columns.map((c) => [c, r[c] ?? null])))).join('\n') + (rows.length ? '\n' : ''));
  } else if (format === 'xlsx') {
    const wb = new ExcelJS.Workbook();
    addSheet(wb, kind, rows, columns, opts);
    opts.xlsx?.edit?.(wb, kind);
    await wb.xlsx.writeFile(path);
  } else if (format === 'arrow') {
    const specs = new Map(COLUMNS_BY_FILE[kind].map((s) => [s.name, s]));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const data: Record<string, Vector<any>> = {};
    for (const c of columns) {
      const spec = specs.get(c);
      const values = rows.map((r) => r[c] ?? null);
      const typed = values.every((x) => x === null || typeof x !== 'string' || spec?.type === 'date');
      if (spec?.type === 'date' && values.every((x) => x === null || /^\d{4}-\d{2}-\d{2}$/.test(String(x))))
        data[c] = vectorFromArray(
          values.map((x) => (x === null ? null : new Date(`${x}T00:00:00Z`))),
          new DateDay(),
        );
      else if (spec?.type === 'int' && typed) data[c] = vectorFromArray(values as (number | null)[], new Int8());
      else if (spec?.type === 'bool' && typed && values.every((x) => x === null || typeof x === 'boolean')) data[c] = vectorFromArray(values as (boolean | null)[], new Bool());
      else
        data[c] = vectorFromArray(
          values.map((x) => (x === null ? null : String(x))),
          new Utf8(),
        );
    }
    writeFileSync(path, tableToIPC(new Table(data), 'file'));
  } else {
    // Parquet through DuckDB, typed like a real export (DATE, TINYINT, BOOLEAN) where the values allow.
    const tmp = mkdtempSync(join(tmpdir(), 'ww-fixture-'));
    try {
      const jsonl = join(tmp, 'rows.jsonl');
      writeFileSync(
        jsonl,
        rows.map((r) => JSON.stringify(Object.fromEntries(columns.map((c) => [c, r[c] === undefined || r[c] === null ? null : String(r[c])])))).join('\n') + '\n',
      );
      const specs = new Map(COLUMNS_BY_FILE[kind].map((s) => [s.name, s]));
      const db = await DuckDBInstance.create(':memory:');
      const conn = await db.connect();
      const cols = `{${columns.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}`;
      const select = columns
        .map((c) => {
          const t = specs.get(c)?.type;
          const cast = t === 'date' ? 'DATE' : t === 'int' ? 'TINYINT' : t === 'bool' ? 'BOOLEAN' : null;
          return cast ? `coalesce(try_cast("${c}" AS ${cast})::VARCHAR, "${c}") IS NOT DISTINCT FROM try_cast("${c}" AS ${cast})::VARCHAR` : 'true';
        })
        .join(' AND ');
      const typedOk =
        rows.length === 0
          ? true
          : ((
              await conn.runAndReadAll(`SELECT bool_and(${select || 'true'}) AS ok FROM read_json('${jsonl}', columns = ${cols}, format = 'newline_delimited')`)
            ).getRowObjectsJS()[0].ok as boolean);
      const proj = columns
        .map((c) => {
          const t = specs.get(c)?.type;
          const cast = typedOk ? (t === 'date' ? 'DATE' : t === 'int' ? 'TINYINT' : t === 'bool' ? 'BOOLEAN' : null) : null;
          return cast ? `CAST("${c}" AS ${cast}) AS "${c}"` : `"${c}"`;
        })
        .join(', ');
      await conn.run(`COPY (SELECT ${proj} FROM read_json('${jsonl}', columns = ${cols}, format = 'newline_delimited')) TO '${path}' (FORMAT parquet)`);
      conn.closeSync();
      db.closeSync();
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
}

/** A sheet as a data officer's export makes it: codes as text, dates as Excel dates, scores as numbers, booleans as booleans. */
function addSheet(wb: ExcelJS.Workbook, kind: FileKind, rows: FixtureRow[], columns: string[], opts: TestBatchOptions): ExcelJS.Worksheet {
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

function merge(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete target[k];
    else if (typeof v === 'object' && !Array.isArray(v) && typeof target[k] === 'object' && target[k] !== null)
      merge(target[k] as Record<string, unknown>, v as Record<string, unknown>);
    else target[k] = v;
  }
  return target;
}

/** Writes the batch into `dir` (created) and returns dir. */
export async function writeTestBatch(dir: string, opts: TestBatchOptions): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const region = opts.region ?? 'VR13';
  const files: Record<string, { name: string; rows: number; sha256: string }> = {};
  if (opts.xlsx?.combined) {
    const wb = new ExcelJS.Workbook();
    for (const kind of ['signals', 'assessments'] as const) {
      addSheet(wb, kind, opts[kind], opts.columns?.[kind] ?? COLUMNS_BY_FILE[kind].map((c) => c.name), opts);
    }
    opts.xlsx.edit?.(wb, 'both');
    const path = join(dir, 'batch.xlsx');
    await wb.xlsx.writeFile(path);
    const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
    for (const kind of ['signals', 'assessments'] as const) files[kind] = { name: 'batch.xlsx', rows: opts[kind].length, sha256 };
  }
  for (const kind of opts.xlsx?.combined ? [] : (['signals', 'assessments'] as const)) {
    const format = opts.formats?.[kind] ?? opts.format ?? 'csv';
    const name = `${kind}.${format}`;
    const columns = opts.columns?.[kind] ?? (kind === 'signals' ? SIGNAL_COLUMNS : ASSESSMENT_COLUMNS).map((c) => c.name);
    const path = join(dir, name);
    await writeFile(path, kind, opts[kind], columns, format, opts);
    files[kind] = { name, rows: opts[kind].length, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
  }
  const manifest = merge(
    {
      contract_version: '1',
      region_code: region,
      batch_id: opts.batchId ?? `${region}-2025-06`,
      produced_at: opts.producedAt ?? '2025-07-01T09:00:00Z',
      period: opts.period ?? { from: '2025-01-01', to: '2025-06-30' },
      pseudonymisation: { method: 'hmac-sha256', key_id: `${region.toLowerCase()}-2025` },
      files,
    },
    opts.manifest ?? {},
  );
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}
