import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { DuckDBInstance } from '@duckdb/node-api';
import { ASSESSMENTS_DDL, SIGNALS_DDL } from '@weegwijzer/contract';
import { AnalyticReader, BatchEntity, readSnapshotPointer } from '@weegwijzer/store';
import { INPUT_FORMATS, Ingestor, validAssessment, validSignal, writeTestBatch, type FixtureRow, type TestBatchOptions } from '@weegwijzer/etl';
import { filesContaining, openLedger, removeTemps, storeKind, tempDir } from './etl-helpers';

const NOW = () => new Date('2025-08-01T12:00:00Z');

describe(`ingest (ledger on ${storeKind})`, () => {
  let ds: DataSource;
  let closeLedger: () => Promise<void>;
  let dataDir: string;
  let batches: string;
  let ingestor: Ingestor;
  let reader: AnalyticReader;

  beforeAll(async () => {
    ({ ds, close: closeLedger } = await openLedger('ingest'));
    dataDir = tempDir();
    batches = tempDir();
    ingestor = new Ingestor({ dataDir, store: ds, now: NOW });
    reader = new AnalyticReader({ dataDir, recheckMs: 0 });
  }, 120_000);
  afterAll(async () => {
    await reader.close();
    await closeLedger();
    removeTemps();
  }, 60_000);

  const write = (name: string, opts: TestBatchOptions) => writeTestBatch(join(batches, name), opts);
  const ledger = (region: string, batchId: string) => ds.getRepository(BatchEntity).findOneByOrFail({ id: `${region}/${batchId}` });
  const count = async (sql: string, params: (string | number)[] = []) => Number((await reader.query(sql, params))[0].n);

  it('loads a valid batch into a new snapshot that readers see', async () => {
    const dir = await write('first', {
      batchId: 'VR13-2025-H1',
      signals: [validSignal(1), validSignal(2, { phenomenon: 'rechts_extremisme' })],
      assessments: [
        validAssessment(1, 1),
        validAssessment(2, 1, {
          stage: 'pre_weging',
          body: 'gemeente',
          outcome: 'doorgezet',
          framework: 'niet_pluis',
          present_gemeente: null,
          present_politie: null,
          present_om: null,
          info_gemeente: null,
          info_politie: null,
          info_om: null,
          unanimous: null,
          decided_at: '2025-02-10',
        }),
      ],
    });
    const events: string[] = [];
    const r = await ingestor.ingest([dir], { submittedBy: 'test', onProgress: (p) => events.push(p.phase) });
    expect(r.batches.map((b) => [b.region_code, b.batch_id, b.outcome])).toEqual([['VR13', 'VR13-2025-H1', 'loaded']]);
    expect(r.snapshot).toMatchObject({ signals: 2, assessments: 2, batches: 1 });
    expect(events).toEqual(expect.arrayContaining(['validate', 'write', 'snapshot', 'done']));
    const row = await ledger('VR13', 'VR13-2025-H1');
    expect(row).toMatchObject({ status: 'loaded', signalRows: 2, assessmentRows: 2, submittedBy: 'test', periodFrom: '2025-01-01', periodTo: '2025-06-30' });
    expect(existsSync(join(dataDir, 'batches/VR13/VR13-2025-H1/signals.parquet'))).toBe(true);

    const facts = await reader.query('SELECT signal_id, received_at, path, reached, days_to_first_wp FROM signal_facts ORDER BY signal_id');
    // Signal 1: a pre_weging on 2025-02-10 then a weegploeg on 2025-02-20, received 2025-02-03.
    expect(facts).toEqual([
      { signal_id: 'SVR13x000001', received_at: '2025-02-03', path: 'via_pre_weging', reached: true, days_to_first_wp: 17 },
      { signal_id: 'SVR13x000002', received_at: '2025-02-03', path: 'pending', reached: false, days_to_first_wp: null },
    ]);
    expect(await count('SELECT count(*) AS n FROM signals WHERE phenomenon = ?', ['rechts_extremisme'])).toBe(1);
    expect(await reader.info()).toMatchObject({ snapshotId: r.snapshot!.id, batches: 1, signals: 2, assessments: 2 });
  });

  it('serves signals and assessments with exactly the columns and types of the contract DDL', async () => {
    // The expected columns come from DuckDB itself creating the contract's DDL in a scratch database.
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const describe = async (ddl: string, table: string) => {
      await conn.run(ddl);
      return (await conn.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE ${table})`)).getRowObjectsJS();
    };
    const expected = { signals: await describe(SIGNALS_DDL, 'signals'), assessments: await describe(ASSESSMENTS_DDL, 'assessments') };
    conn.closeSync();
    db.closeSync();
    for (const table of ['signals', 'assessments'] as const) {
      expect(await reader.query(`SELECT column_name, column_type FROM (DESCRIBE ${table})`)).toEqual(expected[table]);
    }
    expect(await reader.query('SELECT signal_id, batch_id FROM signals ORDER BY signal_id')).toEqual([
      { signal_id: 'SVR13x000001', batch_id: 'VR13-2025-H1' },
      { signal_id: 'SVR13x000002', batch_id: 'VR13-2025-H1' },
    ]);
    expect(await count('SELECT count(*) AS n FROM assessments WHERE signal_id = ?', ['SVR13x000001'])).toBe(2);
  });

  it('changes nothing when the same batch is delivered again', async () => {
    const before = readFileSync(join(dataDir, 'current.json'), 'utf8');
    const r = await ingestor.ingest([join(batches, 'first')]);
    expect(r.batches[0].outcome).toBe('already_loaded');
    expect(r.snapshot).toBeNull();
    expect(readFileSync(join(dataDir, 'current.json'), 'utf8')).toBe(before);
    expect((await ledger('VR13', 'VR13-2025-H1')).status).toBe('loaded');
  });

  it('rejects the same batch_id with different content and keeps the loaded one', async () => {
    const dir = await write('conflict', { batchId: 'VR13-2025-H1', signals: [validSignal(1), validSignal(3)], assessments: [] });
    const r = await ingestor.ingest([dir]);
    expect(r.batches[0].outcome).toBe('rejected');
    expect(r.batches[0].report!.errors.map((e) => e.rule)).toEqual(['BATCH_ID_CONFLICT']);
    expect((await ledger('VR13', 'VR13-2025-H1')).status).toBe('loaded');
    expect(await count('SELECT count(*) AS n FROM signals')).toBe(2);
  });

  it('accepts assessments of a signal from an earlier batch, and rejects an unknown one', async () => {
    const ok = await write('followup', {
      batchId: 'VR13-2025-H2',
      producedAt: '2025-07-15T09:00:00Z',
      period: { from: '2025-07-01', to: '2025-07-31' },
      signals: [validSignal(10, { received_at: '2025-07-02' })],
      assessments: [validAssessment(20, 2, { decided_at: '2025-07-03' }), validAssessment(21, 10, { decided_at: '2025-07-04' })],
    });
    const bad = await write('orphan', {
      batchId: 'VR13-2025-H2b',
      producedAt: '2025-07-16T09:00:00Z',
      period: { from: '2025-07-01', to: '2025-07-31' },
      signals: [],
      assessments: [validAssessment(30, 99, { decided_at: '2025-07-03' })],
    });
    const r = await ingestor.ingest([ok, bad]);
    expect(r.batches.map((b) => b.outcome)).toEqual(['loaded', 'rejected']);
    expect(r.batches[1].report!.errors.map((e) => [e.row, e.column, e.rule])).toEqual([[1, 'signal_id', 'SIGNAL_UNKNOWN']]);
    expect((await ledger('VR13', 'VR13-2025-H2b')).status).toBe('rejected');
    expect(await count("SELECT count(*) AS n FROM signal_facts WHERE signal_id = 'SVR13x000002' AND reached")).toBe(1);
  });

  it('applies corrections: the row of the batch with the latest produced_at wins, whatever the delivery order', async () => {
    const later = await write('correction', {
      batchId: 'VR13-2025-H1-corr',
      producedAt: '2025-07-20T09:00:00Z',
      signals: [validSignal(1, { phenomenon: 'links_extremisme' })],
      assessments: [],
    });
    // Produced before the first batch (2025-07-01): delivered now, it must lose.
    const stale = await write('stale', {
      batchId: 'VR13-2025-H1-old',
      producedAt: '2025-06-30T09:00:00Z',
      signals: [validSignal(1, { phenomenon: 'overig' }), validSignal(2, { phenomenon: 'overig' })],
      assessments: [],
    });
    const r = await ingestor.ingest([later, stale]);
    expect(r.batches.map((b) => b.outcome)).toEqual(['loaded', 'loaded']);
    const rows = await reader.query("SELECT signal_id, phenomenon, batch_id FROM signals WHERE signal_id IN ('SVR13x000001', 'SVR13x000002') ORDER BY signal_id");
    expect(rows).toEqual([
      { signal_id: 'SVR13x000001', phenomenon: 'links_extremisme', batch_id: 'VR13-2025-H1-corr' },
      { signal_id: 'SVR13x000002', phenomenon: 'rechts_extremisme', batch_id: 'VR13-2025-H1' },
    ]);
    expect(await count('SELECT count(*) AS n FROM signals')).toBe(3);
  });

  it('loads every input format to the same rows', async () => {
    const rows = (region: string) => ({
      region,
      signals: [validSignal(1, {}, region), validSignal(2, { age_band: null, subject_pseudonym: null }, region)],
      assessments: [validAssessment(1, 1, { c_geweld: null, info_om: 'nee', unanimous: 'JA' } as FixtureRow, region)],
    });
    // One region per registered format, from VR14 on (no other case here uses them).
    const regions = INPUT_FORMATS.map((format, i) => ({ format, region: `VR${14 + i}` }));
    const dirs = await Promise.all(regions.map(({ format, region }) => write(`fmt-${format}`, { ...rows(region), format })));
    const r = await ingestor.ingest(dirs);
    expect(r.batches.map((b) => b.outcome)).toEqual(regions.map(() => 'loaded'));
    const codes = regions.map(({ region }) => `'${region}'`).join(', ');
    const per = await reader.query(`SELECT region_code, list(signal_id || ':' || coalesce(age_band, '-') || ':' || coalesce(subject_pseudonym, '-') ORDER BY signal_id) AS s
      FROM signals WHERE region_code IN (${codes}) GROUP BY region_code ORDER BY region_code`);
    const ass = await reader.query(
      `SELECT region_code, c_geweld, info_om, unanimous, decided_at, analysis_recorded FROM assessments WHERE region_code IN (${codes}) ORDER BY region_code`,
    );
    for (const [i, { region }] of regions.entries()) {
      expect(per[i]).toEqual({ region_code: region, s: [`S${region}x000001:18_24:P0001abcdefghijklmnop`, `S${region}x000002:-:-`] });
      expect(ass[i]).toEqual({ region_code: region, c_geweld: null, info_om: false, unanimous: true, decided_at: '2025-02-20', analysis_recorded: true });
    }
  });

  it('only accepts the allowed region', async () => {
    const dir = await write('other-region', { region: 'VR05', signals: [validSignal(1, {}, 'VR05')], assessments: [] });
    const r = await ingestor.ingest([dir], { allowedRegion: 'VR13' });
    expect(r.batches[0].outcome).toBe('rejected');
    expect(r.batches[0].report!.errors.map((e) => e.rule)).toEqual(['REGION_NOT_ALLOWED']);
    expect(await ds.getRepository(BatchEntity).findOneBy({ id: 'VR05/VR05-2025-06' })).toBeNull();
  });

  it('keeps nothing of a rejected batch but its report: no value in the data dir, the ledger or the report', async () => {
    const planted = '111222333';
    const email = 'planted.person@example.nl';
    const dir = await write('planted', {
      region: 'VR07',
      signals: [validSignal(1, { subject_pseudonym: planted }, 'VR07'), validSignal(2, { age_band: email }, 'VR07')],
      assessments: [validAssessment(1, 1, {}, 'VR07')],
    });
    const r = await ingestor.ingest([dir]);
    expect(r.batches[0].outcome).toBe('rejected');
    expect(r.batches[0].report!.errors.map((e) => e.rule)).toEqual(['PII_BSN', 'PII_EMAIL']);
    expect(JSON.stringify(r)).not.toContain(planted);
    expect(JSON.stringify(r)).not.toContain(email);
    const row = await ledger('VR07', 'VR07-2025-06');
    expect(row.status).toBe('rejected');
    const stored = await ds.query(`SELECT report::text AS t FROM batch WHERE id = 'VR07/VR07-2025-06'`);
    expect(stored[0].t).toContain('PII_BSN');
    expect(stored[0].t).not.toContain(planted);
    expect(filesContaining(dataDir, planted)).toEqual([]);
    expect(filesContaining(dataDir, email)).toEqual([]);
    expect(existsSync(join(dataDir, 'batches/VR07'))).toBe(false);
    expect(await count('SELECT count(*) AS n FROM signals WHERE region_code = ?', ['VR07'])).toBe(0);
    expect(readdirSync(join(dataDir, 'tmp'))).toEqual([]);
  });

  it('keeps only the served and the previous snapshot on disk', () => {
    const pointer = readSnapshotPointer(dataDir)!;
    const files = readdirSync(join(dataDir, 'snapshots')).sort();
    expect(files).toEqual([`${pointer.previous_snapshot_id}.duckdb`, `${pointer.snapshot_id}.duckdb`].sort());
  });

  it('rebuilds a missing snapshot from the accepted batches at start', async () => {
    const pointer = readSnapshotPointer(dataDir)!;
    const before = await reader.query('SELECT region_code, count(*) AS n FROM signal_facts GROUP BY ALL ORDER BY ALL');
    await reader.close();
    rmSync(join(dataDir, 'snapshots', `${pointer.snapshot_id}.duckdb`));
    await new Ingestor({ dataDir, store: ds, now: NOW }).init();
    const rebuilt = readSnapshotPointer(dataDir)!;
    expect(rebuilt.snapshot_id).not.toBe(pointer.snapshot_id);
    expect(rebuilt.batches).toEqual(pointer.batches);
    reader = new AnalyticReader({ dataDir, recheckMs: 0 });
    expect(await reader.query('SELECT region_code, count(*) AS n FROM signal_facts GROUP BY ALL ORDER BY ALL')).toEqual(before);
  });

  it('marks loaded batches failed when the data directory they were loaded into is gone', async () => {
    await new Ingestor({ dataDir: tempDir(), store: ds, now: NOW }).init();
    const row = await ledger('VR13', 'VR13-2025-H1');
    expect(row.status).toBe('failed');
    expect(JSON.stringify(row.report)).toMatch(/not in the analytic store/);
  });
});
