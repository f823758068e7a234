/**
 * Row bombs: files far smaller than their row count (20 M identical rows as a ~KB Parquet
 * file; the same count as an Arrow file of dictionary indices; a CSV much larger than its
 * manifest says) are refused from the manifest and the files' own metadata before a row is
 * read: in under 2 s of CPU time, with a peak RSS under 1 GB (measured in a CLI child process).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { validAssessment, validateBatch, validSignal, writeTestBatch } from '@weegwijzer/etl';
import { Dictionary, Int8, makeData, Table, tableToIPC, Utf8, vectorFromArray, Vector } from 'apache-arrow';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliEnv, removeTemps, runCli, tempDir } from './etl-helpers';

afterAll(() => removeTemps());

const BOMB_ROWS = 20_000_000;

/** Points the manifest at the replaced signals file (its real sha256) and the given row count. */
function rewriteManifest(dir: string, name: string, rows: number): void {
  const path = join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(path, 'utf8'));
  m.files.signals = {
    name,
    rows,
    sha256: createHash('sha256')
      .update(readFileSync(join(dir, name)))
      .digest('hex'),
  };
  writeFileSync(path, JSON.stringify(m, null, 2));
}

/** One constant column is enough: the row count is checked before any column is. */
async function parquetBomb(rows: number, declared: number): Promise<string> {
  const dir = await writeTestBatch(join(tempDir(), 'pq'), { format: 'parquet', signals: [validSignal(1)], assessments: [validAssessment(1, 1)] });
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run(`COPY (SELECT 'S-000001' AS signal_id FROM range(${rows})) TO '${join(dir, 'bomb.parquet')}' (FORMAT parquet)`);
  conn.closeSync();
  db.closeSync();
  rewriteManifest(dir, 'bomb.parquet', declared);
  return dir;
}

async function arrowBomb(): Promise<string> {
  const dir = await writeTestBatch(join(tempDir(), 'arrow'), { format: 'arrow', signals: [validSignal(1)], assessments: [validAssessment(1, 1)] });
  const type = new Dictionary(new Utf8(), new Int8());
  const ids = makeData({ type, length: BOMB_ROWS, nullCount: 0, data: new Int8Array(BOMB_ROWS), dictionary: vectorFromArray(['S-000001'], new Utf8()) });
  writeFileSync(join(dir, 'bomb.arrow'), tableToIPC(new Table({ signal_id: new Vector([ids]) }), 'file'));
  rewriteManifest(dir, 'bomb.arrow', 1);
  return dir;
}

async function csvBomb(): Promise<string> {
  const dir = await writeTestBatch(join(tempDir(), 'csv'), { signals: [validSignal(1)], assessments: [validAssessment(1, 1)] });
  const [header, row] = readFileSync(join(dir, 'signals.csv'), 'utf8').trim().split('\n');
  writeFileSync(join(dir, 'bomb.csv'), `${header}\n${`${row}\n`.repeat(40_000)}`);
  rewriteManifest(dir, 'bomb.csv', 1);
  return dir;
}

/** The CLI's `validate --json` in a child, reporting its peak RSS (KB) on exit. */
async function validateInChild(dir: string): Promise<{ rules: string[]; maxRssMb: number; ms: number }> {
  const preload = join(tempDir(), 'rss.js');
  writeFileSync(preload, "process.on('exit', () => process.stderr.write(`MAXRSS_KB=${process.resourceUsage().maxRSS}\\n`));");
  const started = Date.now();
  const r = await runCli(['validate', dir, '--json'], { ...cliEnv(tempDir()), NODE_OPTIONS: `--require ${preload}` });
  const ms = Date.now() - started;
  expect(r.code, r.stderr).toBe(2);
  const report = JSON.parse(r.stdout) as { errors: { rule: string }[] };
  return { rules: report.errors.map((e) => e.rule), maxRssMb: Number(/MAXRSS_KB=(\d+)/.exec(r.stderr)![1]) / 1024, ms };
}

describe('row bombs are refused before reading', () => {
  it.each([
    ['Parquet, 20 M rows declared as 1', () => parquetBomb(BOMB_ROWS, 1), 'FILE_TOO_MANY_ROWS'],
    ['Parquet, 20 M rows declared honestly', () => parquetBomb(BOMB_ROWS, BOMB_ROWS), 'FILE_TOO_MANY_ROWS'],
    ['Parquet, 4 M rows (under the limit) declared as 1', () => parquetBomb(4_000_000, 1), 'ROWS_MISMATCH'],
    ['Arrow, 20 M rows declared as 1', () => arrowBomb(), 'FILE_TOO_MANY_ROWS'],
    ['CSV, 40 000 rows declared as 1', () => csvBomb(), 'ROWS_MISMATCH'],
  ] as const)(
    '%s',
    async (label, make, rule) => {
      const dir = await make();
      const file = readFileSync(join(dir, 'manifest.json'), 'utf8').match(/"name": "(bomb\.\w+)"/)![1];
      const started = performance.now();
      const cpu = process.cpuUsage();
      const report = await validateBatch(dir);
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      const cpuMs = (used.user + used.system) / 1000;
      expect(report.ok).toBe(false);
      expect(report.errors.map((e) => e.rule)).toContain(rule);
      // CPU time (all threads) rather than wall time, which other work on a shared machine inflates.
      expect(cpuMs).toBeLessThan(2000);
      const child = await validateInChild(dir);
      expect(child.rules).toContain(rule);
      expect(child.maxRssMb).toBeLessThan(1024);
      console.log(
        `${label}: ${statSync(join(dir, file)).size} bytes, refused (${rule}) in ${ms.toFixed(0)} ms wall / ${cpuMs.toFixed(0)} ms CPU in process; CLI child ${child.ms} ms wall incl. start-up, peak RSS ${child.maxRssMb.toFixed(0)} MB`,
      );
    },
    180_000,
  );
});

describe('validation time limit', () => {
  it('refuses a batch whose checks run past the limit, and the next validation runs normally', async () => {
    const dir = await writeTestBatch(join(tempDir(), 'slow'), { signals: Array.from({ length: 300 }, (_, i) => validSignal(i + 1)), assessments: [validAssessment(1, 1)] });
    const stopped = await validateBatch(dir, { timeoutMs: 1 });
    expect(stopped.ok).toBe(false);
    expect(stopped.errors.map((e) => e.rule)).toEqual(['VALIDATION_TIMEOUT']);
    expect((await validateBatch(dir)).ok).toBe(true);
  });
});
