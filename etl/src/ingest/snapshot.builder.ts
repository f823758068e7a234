/**
 * Builds a new immutable analytic snapshot from the accepted batches' Parquet files:
 * `signals` and `assessments` (per region and id, the row of the batch with the latest
 * produced_at wins: corrections), the derived fact tables of libs/contract, and `meta`.
 * The current rows are collected in TEMP tables of an in-memory database; the fact tables
 * are computed from them straight into the new file (attached), and `signals` /
 * `assessments` are views over the facts there, so every row is written once. The file is
 * written under a temporary name, checkpointed, closed, fsynced and only then renamed to
 * `snapshots/<id>.duckdb`; publishing it (the pointer) is the caller's step.
 *
 * Incremental builds: every derived row depends only on rows of its own region (corrections
 * and the assessment → signal join are per region), so when a `base` snapshot is given (the
 * one served now, same schema and record-key secret) and only some regions' batch lists
 * differ, the base file is copied, those regions' rows are deleted and derived again from
 * their batches alone; every other region's rows are reused as they are. The result is the
 * same rows as a full build (test/etl/incremental.spec.ts) and goes through the same
 * temporary name, checkpoint, fsync and rename. After MAX_INCREMENTAL incremental builds in a
 * row (deleted rows leave holes in the file) or when most regions changed, a full build runs.
 */
import { closeSync, constants as fsConstants, copyFileSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  ANALYTIC_SCHEMA_VERSION,
  ANALYTIC_TABLES,
  AGGREGATE_TABLES_SQL,
  ASSESSMENT_COLUMNS,
  ASSESSMENTS_DDL,
  CONTRACT_VERSION,
  DERIVED_TABLES_KEYED_SQL,
  META_DDL,
  RAW_VIEWS_SQL,
  SIGNAL_COLUMNS,
  SIGNALS_DDL,
} from '@weegwijzer/contract';
import { dataDirLayout, fsyncDir, recordKeyMacroSql, snapshotFile, type RecordKeySecret, type SnapshotBatchRef, type SnapshotPointer } from '@weegwijzer/store';
import { quoteIdent, quoteLiteral } from '../validate/sql';
import { BatchStore } from './batch-store';
import { ensureRecordKeys } from './record-keys';

export interface BuiltSnapshot {
  snapshotId: string;
  builtAt: string;
  signals: number;
  assessments: number;
  recordKeyId: string;
  /** Regions derived again (incremental build), or null for a full build. */
  rebuiltRegions: string[] | null;
  /** Incremental builds in a row up to this one (0: a full build). */
  generation: number;
}

export interface BuildOptions {
  /** The record-key secret (disclosure control v2): keys are computed into the fact tables. */
  secret: RecordKeySecret;
  threads?: number;
  onStep?: (step: string) => void;
  /** Called when a named point of the build is reached (the crash tests kill the process there). */
  reached?: (point: string) => void;
  /** The snapshot served now: when given, regions whose batches did not change are reused from it. */
  base?: SnapshotPointer | null;
}

/** Incremental builds in a row before a full one compacts the file again. */
export const MAX_INCREMENTAL = 16;

/** A region's batches as the snapshot sees them (what, which version, which delivery time). */
function regionSignature(batches: readonly SnapshotBatchRef[]): Map<string, string> {
  const out = new Map<string, string[]>();
  for (const b of batches) {
    const list = out.get(b.region_code) ?? [];
    list.push(`${b.batch_id}|${b.version ?? 0}|${b.content_sha256}|${b.produced_at}`);
    out.set(b.region_code, list);
  }
  return new Map([...out].map(([r, l]) => [r, l.sort().join(';')]));
}

/**
 * The regions to derive again from `base`, or null when a full build is due: no usable base
 * (none, another schema or secret, its file gone), or more than half of the regions changed.
 */
export function changedRegions(dataDir: string, batches: readonly SnapshotBatchRef[], base: SnapshotPointer | null | undefined, secretId: string): string[] | null {
  if (!base || base.schema_version !== ANALYTIC_SCHEMA_VERSION || base.record_key_id !== secretId) return null;
  if (!existsSync(snapshotFile(dataDir, base.snapshot_id))) return null;
  const before = regionSignature(base.batches);
  const after = regionSignature(batches);
  const regions = new Set([...before.keys(), ...after.keys()]);
  const changed = [...regions].filter((r) => before.get(r) !== after.get(r)).sort();
  if (changed.length * 2 > regions.size) return null;
  return changed;
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
  let rebuilt = changedRegions(dataDir, batches, opts.base, opts.secret.id);
  const basePath = opts.base ? snapshotFile(dataDir, opts.base.snapshot_id) : null;
  if (rebuilt && (opts.base?.generation ?? 0) >= MAX_INCREMENTAL) rebuilt = null;
  const generation = rebuilt ? (opts.base?.generation ?? 0) + 1 : 0;
  // Only the rows of these batches are loaded and derived; the others are in the copied base.
  const load = rebuilt ? batches.filter((b) => rebuilt.includes(b.region_code)) : batches;
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
      if (load.length > 0) {
        const order = load.map((b) => `(${quoteLiteral(b.region_code)}, ${quoteLiteral(b.batch_id)}, TIMESTAMPTZ ${quoteLiteral(b.produced_at)})`).join(', ');
        await conn.run(`CREATE TEMP TABLE batch_order AS SELECT * FROM (VALUES ${order}) v(region_code, batch_id, produced_at)`);
        // A region with a single batch cannot hold corrections; skip the window then.
        const perRegion = new Map<string, number>();
        for (const b of load) perRegion.set(b.region_code, (perRegion.get(b.region_code) ?? 0) + 1);
        const needsDedup = [...perRegion.values()].some((n) => n > 1);
        const keyFiles = await ensureRecordKeys(conn, dataDir, opts.secret.id, load, opts.onStep);
        for (const [kind, columns, idCol] of [
          ['signals', SIGNAL_COLUMNS, 'signal_id'],
          ['assessments', ASSESSMENT_COLUMNS, 'assessment_id'],
        ] as const) {
          opts.onStep?.(`loading ${kind}`);
          const files = load.map((b) => `(${quoteLiteral(store.parquetOf(b.region_code, b.batch_id, kind, b.version))}, ${quoteLiteral(b.batch_id)})`).join(', ');
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
            FROM read_parquet([${load.map((b) => quoteLiteral(store.parquetOf(b.region_code, b.batch_id, kind, b.version))).join(', ')}], filename = true) t
            JOIN (VALUES ${files}) f(file, batch_id) ON f.file = t.filename
            JOIN batch_order o ON o.region_code = t.region_code AND o.batch_id = f.batch_id
            LEFT JOIN read_parquet([${keyFiles[kind].map(quoteLiteral).join(', ')}]) k
              ON k.batch_id = f.batch_id AND k.region_code = t.region_code AND k.${idCol} = t.${idCol}
            ${dedup}`);
          opts.reached?.(`snapshot-${kind}`);
        }
      }
      if (rebuilt && basePath) {
        opts.onStep?.(`reusing the snapshot for every region but ${rebuilt.join(', ') || '(none)'}`);
        // A reflink where the file system has them, else a plain copy; the base itself is never opened for writing.
        copyFileSync(basePath, buildingPath, fsConstants.COPYFILE_FICLONE);
      }
      opts.onStep?.(rebuilt ? 'deriving facts of the changed regions' : 'deriving facts into the snapshot');
      await conn.run(`ATTACH ${quoteLiteral(buildingPath)} AS snapshot_file`);
      await conn.run('USE snapshot_file');
      if (rebuilt) {
        const list = rebuilt.map(quoteLiteral).join(', ') || 'NULL';
        for (const table of ANALYTIC_TABLES) await conn.run(`DELETE FROM snapshot_file.main.${table} WHERE region_code IN (${list})`);
        // The file's `signals`/`assessments` views are shadowed by the TEMP tables of the same
        // name (which hold only the changed regions); aggregate tables read the file's fact
        // tables, so they take only the changed regions' groups.
        for (const sql of DERIVED_TABLES_KEYED_SQL) {
          opts.onStep?.(`deriving ${derivedTableOf(sql)}`);
          await conn.run(asInsert(sql, AGGREGATE_TABLES_SQL.includes(sql) ? list : null));
        }
        await conn.run('DELETE FROM snapshot_file.main.meta');
      } else {
        // Unqualified: the CREATEs go to the file, `signals`/`assessments` resolve to the TEMP tables.
        for (const sql of DERIVED_TABLES_KEYED_SQL) {
          opts.onStep?.(`deriving ${derivedTableOf(sql)}`);
          await conn.run(sql);
        }
      }
      await conn.run('DROP TABLE temp.signals');
      await conn.run('DROP TABLE temp.assessments');
      if (!rebuilt) {
        for (const sql of RAW_VIEWS_SQL) await conn.run(sql);
        await conn.run(META_DDL);
      }
      const counts = (
        await conn.runAndReadAll(
          `SELECT (SELECT count(*) FROM snapshot_file.main.signal_facts)::INTEGER AS s, (SELECT count(*) FROM snapshot_file.main.assessment_facts)::INTEGER AS a`,
        )
      ).getRowObjectsJS()[0] as { s: number; a: number };
      signals = counts.s;
      assessments = counts.a;
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
        generation: String(generation),
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
  return { snapshotId, builtAt: now.toISOString(), signals, assessments, recordKeyId: opts.secret.id, rebuiltRegions: rebuilt, generation };
}

/** The table a derived-table statement creates (for progress lines). */
function derivedTableOf(sql: string): string {
  return /^CREATE TABLE (\w+)/.exec(sql)?.[1] ?? 'table';
}

/**
 * `CREATE TABLE x AS <query>` as `INSERT INTO x <query>` (the same columns in the same order),
 * or, given a region list, as the query's rows of those regions only.
 */
function asInsert(sql: string, regions: string | null): string {
  const m = /^CREATE TABLE (\w+) AS\n([\s\S]+)$/.exec(sql);
  if (!m) throw new Error('asInsert: not a CREATE TABLE ... AS statement');
  return regions === null ? `INSERT INTO ${m[1]} ${m[2]}` : `INSERT INTO ${m[1]} SELECT * FROM (${m[2]}) q WHERE q.region_code IN (${regions})`;
}
