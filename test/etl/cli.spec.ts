/**
 * The ETL command line as a process: exit codes, --json, no value of a rejected batch on
 * stdout/stderr, and delegation to the process that owns the data directory.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { acquireOwnership, AnalyticReader, BatchEntity, ControlServer, type Ownership } from '@weegwijzer/store';
import { ingestControlHandler, Ingestor, validAssessment, validSignal, writeTestBatch, type ValidationReport } from '@weegwijzer/etl';
import { cliEnv, filesContaining, openLedger, removeTemps, runCli, startCli, tempDir } from './etl-helpers';

afterAll(() => removeTemps());

const PLANTED_BSN = '123456782';
const PLANTED_PHONE = '0687654321';

async function batches(root: string) {
  const good = await writeTestBatch(join(root, 'good'), { signals: [validSignal(1), validSignal(2)], assessments: [validAssessment(1, 1)] });
  const bad = await writeTestBatch(join(root, 'bad'), {
    batchId: 'VR13-bad',
    signals: [validSignal(1, { signal_id: PLANTED_BSN }), validSignal(2, { subject_pseudonym: PLANTED_PHONE })],
    assessments: [validAssessment(1, 2)],
  });
  return { good, bad };
}

describe('etl validate', () => {
  let b: { good: string; bad: string };
  const dataDir = tempDir();
  beforeAll(async () => {
    b = await batches(tempDir());
  });

  it('exits 0 on a valid batch and loads nothing', async () => {
    const r = await runCli(['validate', b.good], cliEnv(dataDir));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/VR13\/VR13-2025-06: valid \(2 signals, 1 assessments\)/);
    expect(existsSync(join(dataDir, 'current.json'))).toBe(false);
    expect(existsSync(join(dataDir, 'pglite'))).toBe(false);
  }, 120_000);

  it('exits 2 with the report as JSON, naming file, row, column and rule but never the value', async () => {
    const r = await runCli(['validate', b.bad, '--json'], cliEnv(dataDir));
    expect(r.code, r.stderr).toBe(2);
    const report = JSON.parse(r.stdout) as ValidationReport;
    expect(report.errors.map((e) => [e.file, e.row, e.column, e.rule])).toEqual([
      ['signals.csv', 1, 'signal_id', 'PII_BSN'],
      ['signals.csv', 2, 'subject_pseudonym', 'PII_PHONE'],
    ]);
    for (const out of [r.stdout, r.stderr]) {
      expect(out).not.toContain(PLANTED_BSN);
      expect(out).not.toContain(PLANTED_PHONE);
    }
  }, 120_000);

  it('prints the errors for people without --json', async () => {
    const r = await runCli(['validate', b.bad], cliEnv(dataDir));
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('signals.csv, row 1, column signal_id: PII_BSN');
    expect(r.stdout + r.stderr).not.toContain(PLANTED_BSN);
  }, 120_000);

  it('exits 1 on a usage error', async () => {
    const r = await runCli(['validate'], cliEnv(dataDir));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/usage: npm run etl/);
  }, 120_000);
});

describe('etl ingest as the owner of the data directory', () => {
  it('exits 0 when loaded or already loaded, 2 when rejected; keeps no rejected value', async () => {
    const dataDir = tempDir();
    const b = await batches(tempDir());
    const first = await runCli(['ingest', b.good], cliEnv(dataDir));
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/VR13\/VR13-2025-06: loaded 2 signals and 1 assessments/);
    const again = await runCli(['ingest', b.good], cliEnv(dataDir));
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already loaded/);
    const rejected = await runCli(['ingest', b.bad], cliEnv(dataDir));
    expect(rejected.code).toBe(2);
    expect(rejected.stdout).toMatch(/VR13\/VR13-bad: rejected: 2 error\(s\)/);
    for (const out of [first, again, rejected].flatMap((x) => [x.stdout, x.stderr])) {
      expect(out).not.toContain(PLANTED_BSN);
      expect(out).not.toContain(PLANTED_PHONE);
    }
    // Neither the snapshot, the batches nor PGlite's files hold the planted values.
    expect(filesContaining(dataDir, PLANTED_BSN)).toEqual([]);
    expect(filesContaining(dataDir, PLANTED_PHONE)).toEqual([]);
    expect(existsSync(join(dataDir, 'owner.lock'))).toBe(false);
    // A folder that is not a batch at all is rejected too.
    const notABatch = await runCli(['ingest', tempDir()], cliEnv(dataDir));
    expect(notABatch.code).toBe(2);
    expect(notABatch.stdout).toMatch(/MANIFEST_MISSING/);
  }, 240_000);
});

describe('etl ingest while another process owns the data directory', () => {
  let ds: DataSource;
  let closeLedger: () => Promise<void>;
  let ownership: Ownership;
  let server: ControlServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDir();
    ({ ds, close: closeLedger } = await openLedger('owner'));
    // This test process plays the API: it owns the data dir and serves `ingest`.
    ownership = acquireOwnership(dataDir);
    server = new ControlServer(ownership).register('ingest', ingestControlHandler(new Ingestor({ dataDir, store: ds })));
    await server.listen();
  }, 120_000);
  afterAll(async () => {
    await server.close();
    ownership.release();
    await closeLedger();
  });

  it('hands the batch to the owner instead of becoming a second writer', async () => {
    const b = await batches(tempDir());
    const r = await runCli(['ingest', b.good], cliEnv(dataDir));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('(loaded by the process that owns the data directory)');
    expect(r.stdout).toMatch(/loaded 2 signals/);
    // The owner's ledger has the row; the CLI never opened a store of its own.
    expect((await ds.getRepository(BatchEntity).findOneByOrFail({ id: 'VR13/VR13-2025-06' })).status).toBe('loaded');
    expect(existsSync(join(dataDir, 'pglite'))).toBe(false);
    const reader = new AnalyticReader({ dataDir });
    try {
      expect((await reader.info()).signals).toBe(2);
    } finally {
      await reader.close();
    }
    const rejected = await runCli(['ingest', b.bad], cliEnv(dataDir));
    expect(rejected.code).toBe(2);
    expect(rejected.stdout + rejected.stderr).not.toContain(PLANTED_BSN);
  }, 240_000);
});

describe('etl ingest while another process owns the data directory but takes no commands', () => {
  it('waits with a message, then proceeds once the owner is gone', async () => {
    const dataDir = tempDir();
    const b = await batches(tempDir());
    // This test process plays a CLI that owns the directory and is still opening its store.
    const ownership = acquireOwnership(dataDir);
    const run = startCli(['ingest', b.good], cliEnv(dataDir));
    try {
      const deadline = Date.now() + 120_000;
      while (!/waiting for it/.test(run.output().stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(run.output().stderr).toContain(`the data directory is in use by process ${process.pid}`);
    } finally {
      ownership.release();
    }
    const r = await run.done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/loaded 2 signals/);
  }, 240_000);
});
