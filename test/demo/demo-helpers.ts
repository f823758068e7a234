/**
 * Independent readers for demo output, used by the demo tests instead of the generator's
 * own code: a plain CSV split (demo values never need quoting) and hand-written statistics.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created: string[] = [];

/** A fresh temporary folder, removed by `removeTempDirs` (call it in afterAll). */
export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ww-demo-${label}-`));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export type Row = Record<string, string>;

export function readCsv(path: string): { header: string[]; rows: Row[] } {
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((line) => {
    const cells = line.split(',');
    if (cells.length !== header.length) throw new Error(`${path}: a row has ${cells.length} cells`);
    const row: Row = {};
    header.forEach((h, i) => (row[h] = cells[i]));
    return row;
  });
  return { header, rows };
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Every file under dir (relative path -> sha256), for byte-for-byte comparisons. */
export function treeHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full, `${prefix}${name}/`);
      else out[`${prefix}${name}`] = sha256(full);
    }
  };
  walk(dir, '');
  return out;
}

export interface Manifest {
  contract_version: string;
  region_code: string;
  batch_id: string;
  produced_at: string;
  period: { from: string; to: string };
  pseudonymisation: { method: string; key_id: string };
  files: Record<'signals' | 'assessments', { name: string; rows: number; sha256: string }>;
}

export interface LoadedBatch {
  dir: string;
  manifest: Manifest;
  signals: Row[];
  assessments: Row[];
}

export function loadCsvBatches(batchDirs: string[]): LoadedBatch[] {
  return batchDirs.map((dir) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    return {
      dir,
      manifest,
      signals: readCsv(join(dir, manifest.files.signals.name)).rows,
      assessments: readCsv(join(dir, manifest.files.assessments.name)).rows,
    };
  });
}

/** P(X <= k) for X ~ Poisson(m), summing the probabilities in log space. */
function poissonCdf(k: number, m: number): number {
  let logP = -m;
  let t = Math.exp(logP);
  for (let i = 1; i <= k; i++) {
    logP += Math.log(m) - Math.log(i);
    t += Math.exp(logP);
  }
  return t;
}
/** Root of an increasing function by bisection. */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}
/**
 * Exact 95% Poisson interval for an observed count, by its definition (the means at which
 * P(X >= o) = 0.025 and P(X <= o) = 0.025) rather than via chi-square quantiles, so it is
 * an independent route to what METRICS.md §6 prescribes.
 */
export function poissonInterval(o: number): [number, number] {
  const lower = o === 0 ? 0 : bisect((m) => 1 - poissonCdf(o - 1, m) - 0.025, 0, 3 * o + 10);
  const upper = bisect((m) => 0.025 - poissonCdf(o, m), 0, 3 * o + 20);
  return [lower, upper];
}

/** P(X <= k) for X ~ Binomial(n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
  let total = 0;
  let logC = 0;
  for (let i = 0; i <= k; i++) {
    if (i > 0) logC += Math.log(n - i + 1) - Math.log(i);
    total += Math.exp(logC + i * Math.log(p) + (n - i) * Math.log(1 - p));
  }
  return total;
}
