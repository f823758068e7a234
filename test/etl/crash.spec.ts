/**
 * A crash or kill -9 in the middle of an ingest leaves the served data exactly as it was,
 * and the next run succeeds. The CLI runs as a child process: a test-only entry
 * (support/crash-cli.ts) gives its main() a hook that SIGKILLs the process at a chosen point,
 * and one run of the real bin is killed from outside at an arbitrary moment. The real bin
 * cannot be made to crash through its environment (the last test).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticReader, BatchEntity, closeOperationalStore, openOperationalStore } from '@weegwijzer/store';
import { validAssessment, validSignal, writeTestBatch } from '@weegwijzer/etl';
import { writeSyntheticBatch } from '../../etl/bench/synthetic';
import { cliEnv, removeTemps, runCli, runCliCrashingAt, startCli, tempDir } from './etl-helpers';

describe('a crash mid-ingest', () => {
  let dataDir: string;
  let batches: string;
  let reader: AnalyticReader;
  let pointerBefore: string;
  let servedBefore: unknown;

  const served = async () => {
    await reader.refresh();
    return reader.query(
      `SELECT region_code, count(*) AS signals, sum(CASE WHEN reached THEN 1 ELSE 0 END) AS reached, string_agg(signal_id, ',' ORDER BY signal_id) AS ids FROM signal_facts GROUP BY region_code ORDER BY region_code`,
    );
  };
  const pointer = () => readFileSync(join(dataDir, 'current.json'), 'utf8');
  const batch = (region: string) =>
    writeTestBatch(join(batches, region), {
      region,
      batchId: `${region}-2025-06`,
      signals: [validSignal(1, {}, region), validSignal(2, {}, region)],
      assessments: [validAssessment(1, 1, {}, region)],
    });

  beforeAll(async () => {
    dataDir = tempDir();
    batches = tempDir();
    reader = new AnalyticReader({ dataDir, recheckMs: 0 });
    const first = await runCli(['ingest', await batch('VR01')], cliEnv(dataDir));
    expect(first.code, first.stderr).toBe(0);
    pointerBefore = pointer();
    servedBefore = await served();
  }, 180_000);
  afterAll(async () => {
    await reader.close();
    removeTemps();
  });

  const points = ['validated', 'batch-written', 'snapshot-assessments', 'snapshot-built'];
  const regions = ['VR02', 'VR03', 'VR04', 'VR05'];

  it.each(points.map((p, i) => [p, regions[i]]))(
    'killed at %s: the served data is unchanged',
    async (point, region) => {
      const r = await runCliCrashingAt(point, ['ingest', await batch(region)], cliEnv(dataDir));
      expect(r.signal).toBe('SIGKILL');
      expect(pointer()).toBe(pointerBefore);
      expect(await served()).toEqual(servedBefore);
    },
    180_000,
  );

  it('killed from outside (kill -9) while loading a larger batch: the served data is unchanged', async () => {
    const dir = join(batches, 'big');
    writeSyntheticBatch(dir, 60_000, 'VR06');
    const run = startCli(['ingest', dir], cliEnv(dataDir));
    // Kill once the batch is validated and being written, before its snapshot is published.
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (/writing VR06/.test(run.output().stderr)) {
          clearInterval(timer);
          run.child.kill('SIGKILL');
          resolve();
        }
      }, 5);
      run.done.then(() => {
        clearInterval(timer);
        reject(new Error(`the ingest ended before it could be killed: ${run.output().stderr}`));
      });
    });
    const r = await run.done;
    expect(r.signal).toBe('SIGKILL');
    expect(pointer()).toBe(pointerBefore);
    expect(await served()).toEqual(servedBefore);
  }, 180_000);

  it('killed right after publishing: the new snapshot is served and the ledger is settled on the next run', async () => {
    const r = await runCliCrashingAt('pointer-swapped', ['ingest', await batch('VR07')], cliEnv(dataDir));
    expect(r.signal).toBe('SIGKILL');
    expect(pointer()).not.toBe(pointerBefore);
    const now = (await served()) as { region_code: string }[];
    expect(now.map((x) => x.region_code)).toEqual(['VR01', 'VR07']);
  }, 180_000);

  it('the next run succeeds and loads everything that was interrupted', async () => {
    const dirs = [...regions.map((r) => join(batches, r)), join(batches, 'big'), join(batches, 'VR07')];
    const r = await runCli(['ingest', '--json', ...dirs], cliEnv(dataDir));
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { batches: { region_code: string; outcome: string }[] };
    expect(Object.fromEntries(result.batches.map((b) => [b.region_code, b.outcome]))).toEqual({
      VR02: 'loaded',
      VR03: 'loaded',
      VR04: 'loaded',
      VR05: 'loaded',
      VR06: 'loaded',
      VR07: 'already_loaded',
    });
    const now = (await served()) as { region_code: string; signals: number }[];
    expect(now.map((x) => x.region_code)).toEqual(['VR01', 'VR02', 'VR03', 'VR04', 'VR05', 'VR06', 'VR07']);
    expect(now.find((x) => x.region_code === 'VR06')!.signals).toBe(24_000);
    // The ledger (PGlite under the data dir) agrees: every batch loaded, nothing left in flight.
    const ds = await openOperationalStore({ dataDir });
    try {
      const rows = await ds.getRepository(BatchEntity).find({ order: { id: 'ASC' } });
      expect(rows.map((b) => [b.regionCode, b.status])).toEqual(['VR01', 'VR02', 'VR03', 'VR04', 'VR05', 'VR06', 'VR07'].map((x) => [x, 'loaded']));
    } finally {
      await closeOperationalStore(ds);
    }
  }, 180_000);

  it('the production CLI ignores WEEGWIJZER_CRASH_AT (the crash hook was once read from the environment): it loads normally', async () => {
    const r = await runCli(['ingest', '--json', await batch('VR08')], cliEnv(dataDir, { WEEGWIJZER_CRASH_AT: 'validated' }));
    expect(r.signal).toBeNull();
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { batches: { outcome: string }[] }).batches.map((b) => b.outcome)).toEqual(['loaded']);
    const now = (await served()) as { region_code: string }[];
    expect(now.map((x) => x.region_code)).toContain('VR08');
  }, 180_000);
});
