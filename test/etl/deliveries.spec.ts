/**
 * Deliveries as regions make them, loaded end to end: the same demo batch as CSV, Excel and
 * zip gives the same analytic snapshot; a full Excel sheet streams in bounded memory.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { readSnapshotPointer, snapshotFile } from '@weegwijzer/store';
import { generateDemo, Ingestor, writeRawXlsx, zipFolder, type RawCell } from '@weegwijzer/etl';
import { openLedger, removeTemps, ROOT, storeKind, tempDir } from './etl-helpers';

afterAll(() => removeTemps());

/** Every row of both fact tables of the served snapshot (what every metric is computed from). */
async function snapshotRows(dataDir: string): Promise<unknown> {
  const pointer = readSnapshotPointer(dataDir)!;
  const db = await DuckDBInstance.create(snapshotFile(dataDir, pointer.snapshot_id), { access_mode: 'READ_ONLY' });
  const conn = await db.connect();
  try {
    // record keys depend on each data directory's own secret: the rows are compared without them
    const rows = async (t: string, keys: string) => (await conn.runAndReadAll(`SELECT * EXCLUDE (${keys}) FROM ${t} ORDER BY ALL`)).getRowObjectsJson();
    return { signals: await rows('signal_facts', 'rk, subject_rk, subject_nrk'), assessments: await rows('assessment_facts', 'rk') };
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

async function ingestInto(path: string): Promise<{ outcome: string; snapshot: unknown }> {
  const { ds, close } = await openLedger(`deliv${Math.floor(Math.random() * 1e6)}`);
  try {
    const dataDir = tempDir();
    const r = await new Ingestor({ dataDir, store: ds }).ingest([path]);
    return { outcome: r.batches[0].outcome, snapshot: r.snapshot ? await snapshotRows(dataDir) : null };
  } finally {
    await close();
  }
}

describe(`deliveries in every shape (ledger on ${storeKind})`, () => {
  it('a zip and an Excel delivery load to exactly the snapshot of the same rows in CSV', async () => {
    const out = tempDir();
    const demo = { seed: 3, years: 1, scale: 0.3, layout: 'single' as const, singleRegion: 'VR13' };
    const csv = await generateDemo({ ...demo, outDir: join(out, 'csv'), format: 'csv' });
    const xlsx = await generateDemo({ ...demo, outDir: join(out, 'xlsx'), format: 'xlsx' });
    expect(csv.signals).toBeGreaterThan(50);
    expect(xlsx.signals).toBe(csv.signals);
    const base = await ingestInto(csv.batchDirs[0]);
    expect(base.outcome).toBe('loaded');
    for (const [label, path] of [
      ['xlsx', xlsx.batchDirs[0]],
      ['zip of csv', await zipFolder(csv.batchDirs[0], join(out, 'csv.zip'))],
      ['zip of xlsx in a folder', await zipFolder(xlsx.batchDirs[0], join(out, 'xlsx.zip'), { folder: 'levering' })],
    ] as const) {
      const r = await ingestInto(path);
      expect(r.outcome, label).toBe('loaded');
      expect(r.snapshot, label).toEqual(base.snapshot);
    }
  }, 240_000);
});

describe('a full Excel sheet', () => {
  it('streams 1,048,576 rows (highly compressed) with peak RSS under 1 GB', () => {
    const dir = tempDir();
    const rows = 1_048_575;
    const header = ['signal_id', 'subject_pseudonym', 'region_code', 'municipality_code', 'received_at', 'receiving_party', 'source', 'phenomenon', 'age_band'];
    function* signals(): Generator<RawCell[]> {
      yield header;
      // received_at as an Excel date serial (45691 = 2025-02-03).
      for (let i = 1; i <= rows; i++) yield [`S${i.toString().padStart(9, '0')}`, null, 'VR13', 'GM0363', 45691, 'politie', 'burger', 'jihadisme', '18_24'];
    }
    const assessments: RawCell[][] = [
      [
        'assessment_id',
        'signal_id',
        'region_code',
        'stage',
        'body',
        'decided_at',
        'framework',
        'c_geweld',
        'c_denkbeelden',
        'c_sociale_relaties',
        'c_identificatie',
        'c_zelfredzaamheid',
        'outcome',
        'enrichment',
        'present_gemeente',
        'present_politie',
        'present_om',
        'info_gemeente',
        'info_politie',
        'info_om',
        'unanimous',
        'analysis_recorded',
        'decision_recorded',
      ],
      [
        'A000000001',
        'S000000001',
        'VR13',
        'pre_weging',
        'gemeente',
        '2025-02-10',
        'niet_pluis',
        null,
        null,
        null,
        null,
        null,
        'doorgezet',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        true,
        true,
      ],
    ];
    const path = join(dir, 'batch.xlsx');
    return (async () => {
      await writeRawXlsx(path, [
        { name: 'signals', rows: signals() },
        { name: 'assessments', rows: assessments },
      ]);
      const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
      const size = readFileSync(path).length;
      writeFileSync(
        join(dir, 'manifest.json'),
        JSON.stringify({
          contract_version: '1',
          region_code: 'VR13',
          batch_id: 'VR13-full-sheet',
          produced_at: '2025-07-01T09:00:00Z',
          period: { from: '2025-01-01', to: '2025-06-30' },
          pseudonymisation: { method: 'hmac-sha256', key_id: 'vr13' },
          files: { signals: { name: 'batch.xlsx', rows, sha256 }, assessments: { name: 'batch.xlsx', rows: 1, sha256 } },
        }),
      );
      mkdirSync(join(dir, 'data'));
      const started = Date.now();
      // /usr/bin/time reports the child's peak resident set (KB) on stderr.
      const child = spawnSync('/usr/bin/time', ['-f', 'maxrss_kb=%M', process.execPath, '-r', '@swc-node/register', 'etl/src/cli.ts', 'validate', dir, '--json'], {
        cwd: ROOT,
        env: { ...process.env, WEEGWIJZER_DATA_DIR: join(dir, 'data') },
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      });
      const seconds = (Date.now() - started) / 1000;
      const maxRss = Number(/maxrss_kb=(\d+)/.exec(child.stderr)?.[1]) * 1024;
      const report = JSON.parse(child.stdout) as { ok: boolean; counts: unknown; errors: unknown[] };
      console.log(`full sheet: ${size} bytes xlsx, validated in ${seconds.toFixed(1)} s, peak RSS ${(maxRss / 2 ** 20).toFixed(0)} MiB`);
      expect(report.errors).toEqual([]);
      expect(report.counts).toEqual({ signals: rows, assessments: 1 });
      expect(maxRss).toBeGreaterThan(0);
      expect(maxRss).toBeLessThan(1024 ** 3);
    })();
  }, 600_000);
});
