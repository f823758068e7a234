/**
 * Retention (CONTRACT.md): with a 1-year term, `etl purge` removes exactly the signals whose
 * current received_at lies before today − 1 year, with every assessment of them, from the
 * batch files and the served snapshot; a kill -9 mid-purge leaves the old snapshot served;
 * purge_log and the audit log record counts only. The CLI runs as a child (real clock).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { closeOperationalStore, loadRecordKeySecret, openOperationalStore, readSnapshotPointer, RECORD_KEY_FILE, snapshotFile } from '@weegwijzer/store';
import { dutchToday, validAssessment, validSignal, writeTestBatch } from '@weegwijzer/etl';
import { cliEnv, removeTemps, runCli, runCliCrashingAt, tempDir } from './etl-helpers';

/** A date `days` before today (Netherlands). */
function daysAgo(days: number): string {
  const [y, m, d] = dutchToday(new Date()).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}
const sig = (region: string, n: number) => `S${region}x${String(n).padStart(6, '0')}`;
const ass = (region: string, n: number) => `A${region}x${String(n).padStart(6, '0')}`;

async function query<T>(file: string, sql: string): Promise<T[]> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    if (file) await conn.run(`ATTACH '${file}' AS s (READ_ONLY); USE s`);
    return (await conn.runAndReadAll(sql)).getRowObjectsJS() as T[];
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

describe('retention purge (1 year)', () => {
  let dataDir: string;
  const env = () => cliEnv(dataDir, { WEEGWIJZER_RETENTION: '1y' });
  const pointerText = () => readFileSync(join(dataDir, 'current.json'), 'utf8');
  /** Ids in every batch file on disk, whatever version folder they are in. */
  const batchFileIds = async (kind: 'signals' | 'assessments') => {
    const col = kind === 'signals' ? 'signal_id' : 'assessment_id';
    const rows = await query<{ id: string }>('', `SELECT DISTINCT ${col} AS id FROM read_parquet('${join(dataDir, 'batches', '*', '*', `${kind}.parquet`)}') ORDER BY 1`);
    return rows.map((r) => r.id);
  };
  const servedIds = async () => {
    const p = readSnapshotPointer(dataDir)!;
    const file = snapshotFile(dataDir, p.snapshot_id);
    return {
      signals: (await query<{ id: string }>(file, `SELECT signal_id AS id FROM signal_facts ORDER BY 1`)).map((r) => r.id),
      assessments: (await query<{ id: string }>(file, `SELECT assessment_id AS id FROM assessment_facts ORDER BY 1`)).map((r) => r.id),
    };
  };
  const ledger = async () => {
    const ds = await openOperationalStore({ dataDir });
    try {
      const purges = await ds.query(`SELECT region_code, signals, assessments, term FROM purge_log ORDER BY region_code`);
      const audit = await ds.query(`SELECT who, region_code, method, params FROM audit_log WHERE who = 'system:retention' ORDER BY region_code`);
      return { purges, audit };
    } finally {
      await closeOperationalStore(ds);
    }
  };

  beforeAll(async () => {
    dataDir = tempDir();
    const batches = tempDir();
    const period = { from: daysAgo(700), to: daysAgo(1) };
    // VR01, batch A: S1 400 days old (expired), S2 500 days old (but corrected below), S3 100 days old.
    const a = await writeTestBatch(join(batches, 'a'), {
      region: 'VR01',
      batchId: 'VR01-A',
      producedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      period,
      signals: [
        validSignal(1, { received_at: daysAgo(400) }, 'VR01'),
        validSignal(2, { received_at: daysAgo(500) }, 'VR01'),
        validSignal(3, { received_at: daysAgo(100) }, 'VR01'),
      ],
      assessments: [
        validAssessment(1, 1, { decided_at: daysAgo(390) }, 'VR01'),
        validAssessment(2, 1, { decided_at: daysAgo(380) }, 'VR01'),
        validAssessment(3, 2, { decided_at: daysAgo(40) }, 'VR01'),
        validAssessment(4, 3, { decided_at: daysAgo(90) }, 'VR01'),
      ],
    });
    // VR01, batch B (later): S2 corrected to 50 days old (so it stays), one more assessment of S1.
    const b = await writeTestBatch(join(batches, 'b'), {
      region: 'VR01',
      batchId: 'VR01-B',
      producedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      period,
      signals: [validSignal(2, { received_at: daysAgo(50) }, 'VR01')],
      assessments: [validAssessment(5, 1, { decided_at: daysAgo(370) }, 'VR01')],
    });
    // VR02: one signal 366 days old (expired), one 364 days old (kept).
    const c = await writeTestBatch(join(batches, 'c'), {
      region: 'VR02',
      batchId: 'VR02-A',
      producedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      period,
      signals: [validSignal(1, { received_at: daysAgo(367) }, 'VR02'), validSignal(2, { received_at: daysAgo(364) }, 'VR02')],
      assessments: [validAssessment(1, 1, { decided_at: daysAgo(300) }, 'VR02'), validAssessment(2, 2, { decided_at: daysAgo(300) }, 'VR02')],
    });
    const r = await runCli(['ingest', a, b, c], cliEnv(dataDir));
    expect(r.code, r.stdout + r.stderr).toBe(0);
  }, 180_000);
  afterAll(() => removeTemps());

  it('--dry-run reports what would go and changes nothing', async () => {
    const before = pointerText();
    const r = await runCli(['purge', '--dry-run', '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      term: '1y',
      dryRun: true,
      snapshot: null,
      removed: [
        { region_code: 'VR01', signals: 1, assessments: 3 },
        { region_code: 'VR02', signals: 1, assessments: 1 },
      ],
    });
    expect(pointerText()).toBe(before);
  }, 120_000);

  it.each(['purge-written', 'purge-snapshot-assessments', 'purge-built'])(
    'killed at %s: the old snapshot stays served, nothing recorded',
    async (point) => {
      const before = pointerText();
      const served = await servedIds();
      const r = await runCliCrashingAt(point, ['purge'], env());
      expect(r.signal).toBe('SIGKILL');
      expect(pointerText()).toBe(before);
      expect(await servedIds()).toEqual(served);
      expect(served.signals).toContain(sig('VR01', 1));
    },
    120_000,
  );

  it('removes exactly the expired signals and all their assessments from batch files and snapshot; killed right after the swap, the next run records it', async () => {
    const before = pointerText();
    const killed = await runCliCrashingAt('purge-swapped', ['purge'], env());
    expect(killed.signal).toBe('SIGKILL');
    expect(pointerText()).not.toBe(before);
    expect((await ledger()).purges).toEqual([]);
    // The next run settles the published purge (ledger, audit, leftovers) and finds nothing more.
    const r = await runCli(['purge', '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ removed: [], snapshot: null });
    const keptSignals = [sig('VR01', 2), sig('VR01', 3), sig('VR02', 2)].sort();
    const keptAssessments = [ass('VR01', 3), ass('VR01', 4), ass('VR02', 2)].sort();
    // The batch store: every version folder on disk (the leftovers of the crashes are gone too).
    expect(await batchFileIds('signals')).toEqual(keptSignals);
    expect(await batchFileIds('assessments')).toEqual(keptAssessments);
    expect(readdirSync(join(dataDir, 'batches', 'VR01')).sort()).toEqual(['VR01-A~p1', 'VR01-B~p1']);
    // The snapshot, read from its file; the previous snapshot (which held the rows) is deleted.
    expect(await servedIds()).toEqual({ signals: keptSignals, assessments: keptAssessments });
    const pointer = readSnapshotPointer(dataDir)!;
    expect(readdirSync(join(dataDir, 'snapshots')).filter((f) => f.endsWith('.duckdb'))).toEqual([`${pointer.snapshot_id}.duckdb`]);
    expect(pointer.retention).toMatchObject({ term: '1y', horizon: daysAgo(365), purge_id: pointer.snapshot_id });
    // S2 of VR01 was 500 days old in batch A but corrected to 50 days in batch B: kept, from B.
    const { purges, audit } = await ledger();
    expect(purges).toEqual([
      { region_code: 'VR01', signals: 1, assessments: 3, term: '1y' },
      { region_code: 'VR02', signals: 1, assessments: 1, term: '1y' },
    ]);
    expect(audit.map((a: { region_code: string; method: string; params: { signals: number } }) => [a.region_code, a.method, a.params.signals])).toEqual([
      ['VR01', 'PURGE', 1],
      ['VR02', 'PURGE', 1],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/SVR0\dx/);
  }, 120_000);
});

describe('retention purge with WEEGWIJZER_KEY_FILE', () => {
  // Regression: the CLI's purge built its snapshot with the data dir's own secret (generating
  // one) instead of the configured key file, so the served keys changed under the operator.
  it('builds the purged snapshot with the configured record-key secret', async () => {
    const dataDir = tempDir();
    const keyFile = join(tempDir(), 'rk.secret');
    writeFileSync(keyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    const env = cliEnv(dataDir, { WEEGWIJZER_KEY_FILE: keyFile, WEEGWIJZER_RETENTION: '1y' });
    const dir = await writeTestBatch(join(tempDir(), 'k'), {
      region: 'VR03',
      batchId: 'VR03-K',
      period: { from: daysAgo(700), to: daysAgo(1) },
      signals: [validSignal(1, { received_at: daysAgo(400) }, 'VR03'), validSignal(2, { received_at: daysAgo(30) }, 'VR03')],
      assessments: [],
    });
    const ingest = await runCli(['ingest', dir], env);
    expect(ingest.code, ingest.stdout + ingest.stderr).toBe(0);
    const id = loadRecordKeySecret(dataDir, keyFile).id;
    expect(readSnapshotPointer(dataDir)!.record_key_id).toBe(id);
    const purge = await runCli(['purge', '--json'], env);
    expect(purge.code, purge.stderr).toBe(0);
    expect(JSON.parse(purge.stdout).removed).toEqual([{ region_code: 'VR03', signals: 1, assessments: 0 }]);
    expect(readSnapshotPointer(dataDir)!.record_key_id).toBe(id);
    expect(existsSync(join(dataDir, RECORD_KEY_FILE))).toBe(false);
  }, 120_000);
});
