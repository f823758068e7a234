/**
 * Builds a new immutable analytic snapshot from the accepted batches' Parquet files:
 * `signals` and `assessments` (per region and id, the row of the batch with the latest
 * produced_at wins: corrections), the derived fact tables of libs/contract, and `meta`.
 * The current rows are collected in TEMP tables of an in-memory database; the fact tables
 * are computed from them straight into the new file (attached), and `signals` /
 * `assessments` are views over the facts there, so every row is written once. The file is
 * written under a temporary name, checkpointed, closed, fsynced and only then renamed to
 * `snapshots/<id>.duckdb`; publishing it (the pointer) is the caller's step.
 */
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  ANALYTIC_SCHEMA_VERSION,
  ASSESSMENT_COLUMNS,
  ASSESSMENTS_DDL,
  CONTRACT_VERSION,
  DERIVED_TABLES_KEYED_SQL,
  META_DDL,
  RAW_VIEWS_SQL,
  SIGNAL_COLUMNS,
  SIGNALS_DDL,
} from '@weegwijzer/contract';
import { dataDirLayout, fsyncDir, recordKeyMacroSql, snapshotFile, type RecordKeySecret, type SnapshotBatchRef } from '@weegwijzer/store';
import { quoteIdent, quoteLiteral } from '../validate/sql';
import { BatchStore } from './batch-store';
import { ensureRecordKeys } from './record-keys';

export interface BuiltSnapshot {
  snapshotId: string;
  builtAt: string;
  signals: number;
  assessments: number;
  recordKeyId: string;
}

export interface BuildOptions {
  /** The record-key secret (disclosure control v2): keys are computed into the fact tables. */
  secret: RecordKeySecret;
  threads?: number;
  onStep?: (step: string) => void;
  /** Called when a named point of the build is reached (the crash tests kill the process there). */
  reached?: (point: string) => void;
}

export function newSnapshotId(now: Date): string {
  return `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

export async function buildSnapshot(dataDir: string, batches: readonly SnapshotBatchRef[], now: Date, opts: BuildOptions): Promise<BuiltSnapshot> {
  const layout = dataDirLayout(dataDir);
  mkdirSync(layout.snapshots, { recursive: true });
  mkdirSync(layout.tmp, { recursive: true });
  const snapshotId = newSnapshotId(now);
  const finalPath = snapshotFile(dataDir, snapshotId);
  const buildingPath = `${finalPath}.building`;
  const spill = mkdtempSync(join(layout.tmp, 'snapshot-'));
  const store = new BatchStore(dataDir);
  const instance = await DuckDBInstance.create(':memory:', {
    temp_directory: spill,
    threads: String(opts.threads ?? 2),
    preserve_insertion_order: 'false',
  });
  let signals: number;
  let assessments: number;
  try {
    const conn = await instance.connect();
    try {
      // FSST string compression costs a quarter of the write time for ~15% of file size.
      await conn.run(`SET disabled_compression_methods = 'fsst,dict_fsst'`);
      // The current rows live only in memory: TEMP tables (looked up before the file's tables).
      await conn.run(recordKeyMacroSql(opts.secret.bytes));
      await conn.run(SIGNALS_DDL.replace('CREATE TABLE', 'CREATE TEMP TABLE'));
      await conn.run(ASSESSMENTS_DDL.replace('CREATE TABLE', 'CREATE TEMP TABLE'));
      // Record keys travel with the current rows (computed once per batch: record-keys.ts).
      for (const col of ['rk', 'subject_rk', 'subject_nrk']) await conn.run(`ALTER TABLE temp.signals ADD COLUMN ${col} INTEGER`);
      await conn.run('ALTER TABLE temp.assessments ADD COLUMN rk INTEGER');
      const builtAt = now.toISOString();
      if (batches.length > 0) {
        const order = batches.map((b) => `(${quoteLiteral(b.region_code)}, ${quoteLiteral(b.batch_id)}, TIMESTAMPTZ ${quoteLiteral(b.produced_at)})`).join(', ');
        await conn.run(`CREATE TEMP TABLE batch_order AS SELECT * FROM (VALUES ${order}) v(region_code, batch_id, produced_at)`);
        // A region with a single batch cannot hold corrections; skip the window then.
        const perRegion = new Map<string, number>();
        for (const b of batches) perRegion.set(b.region_code, (perRegion.get(b.region_code) ?? 0) + 1);
        const needsDedup = [...perRegion.values()].some((n) => n > 1);
        const keyFiles = await ensureRecordKeys(conn, dataDir, opts.secret.id, batches, opts.onStep);
        for (const [kind, columns, idCol] of [
          ['signals', SIGNAL_COLUMNS, 'signal_id'],
          ['assessments', ASSESSMENT_COLUMNS, 'assessment_id'],
        ] as const) {
          opts.onStep?.(`loading ${kind}`);
          const files = batches.map((b) => `(${quoteLiteral(store.parquetOf(b.region_code, b.batch_id, kind, b.version))}, ${quoteLiteral(b.batch_id)})`).join(', ');
          const cols = columns.map((c) => `t.${quoteIdent(c.name)}`).join(', ');
          // A key missing from the cache (never expected) is computed here: keys stay exact.
          const keys =
            kind === 'signals'
              ? `coalesce(k.rk, record_key('signal', t.region_code, t.signal_id)),
                 coalesce(k.subject_rk, CASE WHEN t.subject_pseudonym IS NOT NULL THEN record_key('person', t.region_code, t.subject_pseudonym) END),
                 coalesce(k.subject_nrk, CASE WHEN t.subject_pseudonym IS NOT NULL THEN record_key('person', '', t.subject_pseudonym) END)`
              : `coalesce(k.rk, record_key('assessment', t.region_code, t.assessment_id))`;
          const dedup = needsDedup ? `QUALIFY row_number() OVER (PARTITION BY t.region_code, t.${idCol} ORDER BY o.produced_at DESC, o.batch_id DESC) = 1` : '';
          await conn.run(`INSERT INTO temp.${kind}
            SELECT ${cols}, f.batch_id, ${keys}
            FROM read_parquet([${batches.map((b) => quoteLiteral(store.parquetOf(b.region_code, b.batch_id, kind, b.version))).join(', ')}], filename = true) t
            JOIN (VALUES ${files}) f(file, batch_id) ON f.file = t.filename
            JOIN batch_order o ON o.region_code = t.region_code AND o.batch_id = f.batch_id
            LEFT JOIN read_parquet([${keyFiles[kind].map(quoteLiteral).join(', ')}]) k
              ON k.batch_id = f.batch_id AND k.region_code = t.region_code AND k.${idCol} = t.${idCol}
            ${dedup}`);
          opts.reached?.(`snapshot-${kind}`);
        }
      }
      const counts = (
        await conn.runAndReadAll(`SELECT (SELECT count(*) FROM temp.signals)::INTEGER AS s, (SELECT count(*) FROM temp.assessments)::INTEGER AS a`)
      ).getRowObjectsJS()[0] as { s: number; a: number };
      signals = counts.s;
      assessments = counts.a;
      opts.onStep?.('deriving facts into the snapshot');
      await conn.run(`ATTACH ${quoteLiteral(buildingPath)} AS snapshot_file`);
      await conn.run('USE snapshot_file');
      // Unqualified: the CREATEs go to the file, `signals`/`assessments` resolve to the TEMP tables.
      for (const sql of DERIVED_TABLES_KEYED_SQL) await conn.run(sql);
      await conn.run('DROP TABLE temp.signals');
      await conn.run('DROP TABLE temp.assessments');
      for (const sql of RAW_VIEWS_SQL) await conn.run(sql);
      await conn.run(META_DDL);
      const meta: Record<string, string> = {
        schema_version: String(ANALYTIC_SCHEMA_VERSION),
        contract_version: CONTRACT_VERSION,
        record_key_id: opts.secret.id,
        snapshot_id: snapshotId,
        built_at: builtAt,
        batch_count: String(batches.length),
        signals: String(signals),
        assessments: String(assessments),
        batches: JSON.stringify(batches),
      };
      const prepared = await conn.prepare('INSERT INTO meta VALUES ($1, $2)');
      for (const [k, v] of Object.entries(meta)) {
        prepared.bind([k, v]);
        await prepared.run();
      }
      opts.onStep?.('writing snapshot');
      opts.reached?.('snapshot-written');
      await conn.run('CHECKPOINT snapshot_file');
      await conn.run('USE memory');
      await conn.run('DETACH snapshot_file');
    } finally {
      conn.closeSync();
    }
  } catch (e) {
    instance.closeSync();
    rmSync(buildingPath, { force: true });
    rmSync(`${buildingPath}.wal`, { force: true });
    rmSync(spill, { recursive: true, force: true });
    throw e;
  }
  instance.closeSync();
  rmSync(spill, { recursive: true, force: true });
  const fd = openSync(buildingPath, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(buildingPath, finalPath);
  fsyncDir(layout.snapshots);
  return { snapshotId, builtAt: now.toISOString(), signals, assessments, recordKeyId: opts.secret.id };
}
