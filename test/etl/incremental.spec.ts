/**
 * Incremental snapshots (etl snapshot.builder.ts): an ingest that touches few regions copies
 * the served snapshot and derives only those regions again. The result must hold exactly the
 * rows of a full build from the same batches, checked here by building both and comparing
 * every column of both fact tables, through corrections, assessments of signals from an
 * earlier batch, and the fallbacks to a full build.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { DuckDBInstance } from '@duckdb/node-api';
import { AGGREGATES, yearlyTable } from '@weegwijzer/contract';
import { AnalyticReader, loadRecordKeySecret, readSnapshotPointer, snapshotFile } from '@weegwijzer/store';
import { buildSnapshot, Ingestor, parseRetention, validAssessment, validSignal, writeTestBatch, type FixtureRow } from '@weegwijzer/etl';
import { openLedger, removeTemps, storeKind, tempDir } from './etl-helpers';

const NOW = () => new Date('2025-08-01T12:00:00Z');
const REGIONS = ['VR01', 'VR02', 'VR03', 'VR04', 'VR05'];
/** Every aggregate table, monthly and yearly, with the fact table it counts. */
const AGGREGATE_TABLES = AGGREGATES.flatMap((a) => [a, { ...a, table: yearlyTable(a.table) }]);

async function tableRows(file: string): Promise<{ signals: unknown[]; assessments: unknown[]; counts: unknown[] }> {
  const db = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const conn = await db.connect();
  try {
    const read = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson();
    return {
      signals: await read('SELECT * FROM signal_facts ORDER BY region_code, signal_id'),
      assessments: await read('SELECT * FROM assessment_facts ORDER BY region_code, assessment_id'),
      counts: (await Promise.all(AGGREGATE_TABLES.map(async (a) => (await read(`SELECT * FROM ${a.table} ORDER BY ALL`)).map((r) => ({ table: a.table, ...r }))))).flat(),
    };
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

describe(`incremental snapshots (ledger on ${storeKind})`, () => {
  let ds: DataSource;
  let closeLedger: () => Promise<void>;
  let dataDir: string;
  let batches: string;
  let ingestor: Ingestor;
  let n = 0;

  beforeAll(async () => {
    ({ ds, close: closeLedger } = await openLedger('incremental'));
    dataDir = tempDir();
    batches = tempDir();
    ingestor = new Ingestor({ dataDir, store: ds, now: NOW });
  }, 120_000);
  afterAll(async () => {
    await closeLedger();
    removeTemps();
  }, 60_000);

  async function deliver(region: string, producedAt: string, signals: FixtureRow[], assessments: FixtureRow[]): Promise<string> {
    n += 1;
    return writeTestBatch(join(batches, `b${n}`), { region, batchId: `${region}-B${n}`, producedAt, signals, assessments });
  }

  /** The served snapshot's fact rows next to a full build's from the same batches. */
  async function expectSameAsFullBuild(): Promise<void> {
    const pointer = readSnapshotPointer(dataDir)!;
    const full = await buildSnapshot(dataDir, pointer.batches, NOW(), { secret: loadRecordKeySecret(dataDir) });
    expect(full.rebuiltRegions).toBeNull();
    const [served, rebuilt] = [await tableRows(snapshotFile(dataDir, pointer.snapshot_id)), await tableRows(snapshotFile(dataDir, full.snapshotId))];
    expect(served.signals.length).toBe(pointer.signals);
    expect(served.assessments.length).toBe(pointer.assessments);
    // Each aggregate table counts every served signal (assessment) once, whichever way the file was built.
    for (const a of AGGREGATE_TABLES) {
      const rows = served.counts.filter((c) => (c as { table: string }).table === a.table);
      expect(rows.reduce((t: number, c) => t + Number((c as { n: number }).n), 0)).toBe(a.from === 'signal_facts' ? pointer.signals : pointer.assessments);
    }
    expect(served).toEqual(rebuilt);
  }

  it('builds the first snapshot in full', async () => {
    const dirs = await Promise.all(
      REGIONS.map((r) =>
        deliver(
          r,
          '2025-07-01T09:00:00Z',
          [1, 2, 3].map((i) => validSignal(i, { received_at: `2025-0${i}-03` }, r)),
          [validAssessment(1, 1, {}, r), validAssessment(2, 2, { decided_at: '2025-03-01' }, r)],
        ),
      ),
    );
    const res = await ingestor.ingest(dirs);
    expect(res.batches.map((b) => b.outcome)).toEqual(REGIONS.map(() => 'loaded'));
    expect(readSnapshotPointer(dataDir)!.generation).toBe(0);
    await expectSameAsFullBuild();
  });

  it('derives only the delivering region again, with corrections and late assessments, to the rows of a full build', async () => {
    const before = await tableRows(snapshotFile(dataDir, readSnapshotPointer(dataDir)!.snapshot_id));
    const dir = await deliver(
      'VR02',
      '2025-07-15T09:00:00Z',
      // signal 1 corrected, signal 4 new; assessment 3 of signal 3 (from the first batch), assessment 1 corrected
      [validSignal(1, { phenomenon: 'links_extremisme', received_at: '2025-01-05' }, 'VR02'), validSignal(4, { received_at: '2025-04-03' }, 'VR02')],
      [validAssessment(3, 3, { decided_at: '2025-03-20' }, 'VR02'), validAssessment(1, 1, { outcome: 'nadere_duiding' }, 'VR02')],
    );
    const progress: string[] = [];
    const res = await ingestor.ingest([dir], { onProgress: (p) => progress.push(p.message) });
    expect(res.batches[0].outcome).toBe('loaded');
    expect(progress.some((m) => m.includes('reusing the snapshot for every region but VR02'))).toBe(true);
    const pointer = readSnapshotPointer(dataDir)!;
    expect(pointer.generation).toBe(1);
    await expectSameAsFullBuild();
    const after = await tableRows(snapshotFile(dataDir, pointer.snapshot_id));
    // The other regions' rows are the base's, unchanged; VR02's moved.
    const other = (rows: unknown[]) => rows.filter((r) => (r as { region_code: string }).region_code !== 'VR02');
    expect(other(after.signals)).toEqual(other(before.signals));
    expect(other(after.assessments)).toEqual(other(before.assessments));
    expect(other(after.counts)).toEqual(other(before.counts));
    expect(after.signals.length).toBe(before.signals.length + 1);
    const reader = new AnalyticReader({ dataDir, recheckMs: 0 });
    try {
      // The raw views of the copied file still serve the current rows.
      expect(await reader.query(`SELECT phenomenon FROM signals WHERE region_code = 'VR02' AND signal_id = 'SVR02x000001'`)).toEqual([{ phenomenon: 'links_extremisme' }]);
      expect(Number((await reader.query(`SELECT count(*) AS n FROM assessments WHERE region_code = 'VR02'`))[0].n)).toBe(3);
    } finally {
      await reader.close();
    }
  });

  it('chains incremental builds and counts them', async () => {
    const dir = await deliver('VR05', '2025-07-16T09:00:00Z', [validSignal(9, { received_at: '2025-05-09' }, 'VR05')], []);
    await ingestor.ingest([dir]);
    expect(readSnapshotPointer(dataDir)!.generation).toBe(2);
    await expectSameAsFullBuild();
  });

  it('builds in full when more than half of the regions change', async () => {
    const dirs = await Promise.all(['VR01', 'VR03', 'VR04'].map((r) => deliver(r, '2025-07-17T09:00:00Z', [validSignal(7, { received_at: '2025-06-07' }, r)], [])));
    await ingestor.ingest(dirs);
    expect(readSnapshotPointer(dataDir)!.generation).toBe(0);
    await expectSameAsFullBuild();
  });

  it('builds in full after a retention purge (no deleted row may survive in a copied file)', async () => {
    const dir = await deliver('VR03', '2025-07-18T09:00:00Z', [validSignal(8, { received_at: '2025-06-08' }, 'VR03')], []);
    await ingestor.ingest([dir]);
    expect(readSnapshotPointer(dataDir)!.generation).toBe(1);
    // Term 4 months before 2025-08-01: the January-to-March signals go.
    await ingestor.purge(parseRetention('4m'));
    const pointer = readSnapshotPointer(dataDir)!;
    expect(pointer.retention).toBeDefined();
    expect(pointer.generation).toBe(0);
    await expectSameAsFullBuild();
  });
});
