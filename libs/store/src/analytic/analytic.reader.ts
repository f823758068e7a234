/**
 * Read access to the served analytic snapshot. Opens `snapshots/<id>.duckdb` READ_ONLY,
 * follows `current.json` (checked at most every `recheckMs`, or on `refresh()`), and swaps
 * to a new snapshot when the ETL publishes one; the old one is closed once no query uses
 * it any more. Implements QueryFn from libs/contract.
 */
import { stat } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import type { QueryFn, SqlParam } from '@weegwijzer/contract';
import { dataDirLayout } from './data-dir';
import { plainRowObjects } from './duckdb-values';
import { readSnapshotPointer, snapshotFile } from './snapshot-pointer';
import { StatementPool } from './statement-pool';

/** Thrown while nothing has been loaded into the data directory yet. */
export class NoSnapshotError extends Error {
  constructor(readonly dataDir: string) {
    super(`no analytic snapshot in ${dataDir} yet: ingest a batch first (npm run etl -- ingest <batch-dir>)`);
    this.name = 'NoSnapshotError';
  }
}

export interface SnapshotInfo {
  snapshotId: string;
  builtAt: string;
  /** Number of batches in the snapshot. */
  batches: number;
  signals: number;
  assessments: number;
}

export interface AnalyticReaderOptions {
  dataDir: string;
  /** Minimum interval between pointer checks; default 250 ms. */
  recheckMs?: number;
}

interface SharedInstance {
  instance: DuckDBInstance;
  refs: number;
  /** Its connections between queries, with their prepared statements. */
  pool: StatementPool;
}
/** One DuckDB instance per snapshot file per process, shared by all readers. */
const instances = new Map<string, Promise<SharedInstance>>();

async function openShared(path: string): Promise<SharedInstance> {
  let p = instances.get(path);
  if (!p) {
    p = DuckDBInstance.create(path, { access_mode: 'READ_ONLY' }).then((instance) => ({ instance, refs: 0, pool: new StatementPool(instance) }));
    instances.set(path, p);
    p.catch(() => instances.delete(path));
  }
  const shared = await p;
  shared.refs++;
  return shared;
}

async function releaseShared(path: string): Promise<void> {
  const p = instances.get(path);
  if (!p) return;
  const shared = await p;
  if (--shared.refs <= 0) {
    instances.delete(path);
    shared.pool.closeSync();
    shared.instance.closeSync();
  }
}

class OpenSnapshot {
  active = 0;
  retired = false;
  constructor(
    readonly id: string,
    readonly path: string,
    readonly shared: SharedInstance,
    readonly info: SnapshotInfo,
  ) {}
}

export class AnalyticReader {
  readonly dataDir: string;
  private readonly recheckMs: number;
  private current: OpenSnapshot | null = null;
  private lastCheck = 0;
  private pointerStamp = '';
  private checking: Promise<void> | null = null;
  private closed = false;

  constructor(opts: AnalyticReaderOptions) {
    this.dataDir = dataDirLayout(opts.dataDir).root;
    this.recheckMs = opts.recheckMs ?? 250;
  }

  /** QueryFn over the current snapshot (`?` placeholders, plain JS values). */
  readonly query: QueryFn = async (sql: string, params?: readonly SqlParam[]) => {
    const snap = await this.acquire();
    try {
      return plainRowObjects(await snap.shared.pool.run(sql, params));
    } finally {
      this.release(snap);
    }
  };

  /** Facts about the snapshot being served. */
  async info(): Promise<SnapshotInfo> {
    const snap = await this.acquire();
    this.release(snap);
    return snap.info;
  }

  /** Re-reads the pointer now (instead of waiting for the recheck interval). */
  async refresh(): Promise<void> {
    this.lastCheck = 0;
    await this.ensureFresh();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.checking;
    const cur = this.current;
    this.current = null;
    if (cur) {
      cur.retired = true;
      if (cur.active === 0) await releaseShared(cur.path);
    }
  }

  private async acquire(): Promise<OpenSnapshot> {
    if (this.closed) throw new Error('AnalyticReader is closed');
    await this.ensureFresh();
    const snap = this.current;
    if (!snap) throw new NoSnapshotError(this.dataDir);
    snap.active++;
    return snap;
  }

  private release(snap: OpenSnapshot): void {
    snap.active--;
    if (snap.retired && snap.active === 0) void releaseShared(snap.path);
  }

  private ensureFresh(): Promise<void> {
    if (this.current && Date.now() - this.lastCheck < this.recheckMs) return Promise.resolve();
    this.checking ??= this.check().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async check(): Promise<void> {
    const layout = dataDirLayout(this.dataDir);
    let stamp: string;
    try {
      const s = await stat(layout.pointer);
      stamp = `${s.ino}:${s.mtimeMs}:${s.size}`;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      stamp = '';
    }
    this.lastCheck = Date.now();
    if (stamp === this.pointerStamp && this.current) return;
    const pointer = stamp ? readSnapshotPointer(this.dataDir) : null;
    if (!pointer) {
      // Keep serving what is open if the pointer vanished; otherwise there is nothing yet.
      this.pointerStamp = stamp;
      return;
    }
    if (this.current?.id === pointer.snapshot_id) {
      this.pointerStamp = stamp;
      return;
    }
    const path = snapshotFile(this.dataDir, pointer.snapshot_id);
    const shared = await openShared(path);
    let info: SnapshotInfo;
    try {
      info = await readInfo(shared.instance, pointer.snapshot_id);
    } catch (e) {
      await releaseShared(path);
      throw e;
    }
    const old = this.current;
    this.current = new OpenSnapshot(pointer.snapshot_id, path, shared, info);
    this.pointerStamp = stamp;
    if (old) {
      old.retired = true;
      if (old.active === 0) await releaseShared(old.path);
    }
  }
}

async function readInfo(instance: DuckDBInstance, snapshotId: string): Promise<SnapshotInfo> {
  const conn = await instance.connect();
  try {
    const rows = (await conn.runAndReadAll('SELECT key, value FROM meta')).getRowObjectsJS() as { key: string; value: string }[];
    const meta = new Map(rows.map((r) => [r.key, r.value]));
    return {
      snapshotId: meta.get('snapshot_id') ?? snapshotId,
      builtAt: meta.get('built_at') ?? '',
      batches: Number(meta.get('batch_count') ?? 0),
      signals: Number(meta.get('signals') ?? 0),
      assessments: Number(meta.get('assessments') ?? 0),
    };
  } finally {
    conn.closeSync();
  }
}
