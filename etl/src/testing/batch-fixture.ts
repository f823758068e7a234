/**
 * Writes small hand-made batches for tests (here and in other packages): the rows as
 * given, in any input format (each written by its format's `writeFixture`, etl/src/formats)
 * and CSV dialect, with a manifest whose rows/sha256 match unless overridden.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { COLUMNS_BY_FILE, type FileKind } from '@weegwijzer/contract';
import { FORMATS, type InputFormat } from '../formats';
import { addFixtureSheet } from '../formats/xlsx.format';

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
      addFixtureSheet(wb, kind, opts[kind], opts.columns?.[kind] ?? COLUMNS_BY_FILE[kind].map((c) => c.name), opts);
    }
    opts.xlsx.edit?.(wb, 'both');
    const path = join(dir, 'batch.xlsx');
    await wb.xlsx.writeFile(path);
    const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
    for (const kind of ['signals', 'assessments'] as const) files[kind] = { name: 'batch.xlsx', rows: opts[kind].length, sha256 };
  }
  for (const kind of opts.xlsx?.combined ? [] : (['signals', 'assessments'] as const)) {
    const format = opts.formats?.[kind] ?? opts.format ?? 'csv';
    const name = `${kind}.${FORMATS[format].extensions[0]}`;
    const columns = opts.columns?.[kind] ?? COLUMNS_BY_FILE[kind].map((c) => c.name);
    const path = join(dir, name);
    await FORMATS[format].writeFixture(path, kind, opts[kind], columns, opts);
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
