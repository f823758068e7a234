/**
 * `npm run bench:api`: the API under load next to the metrics library on its own.
 *
 * 1. Demo data at about 1 000 000 signals (generator seed 1, three years, Parquet), generated and
 *    ingested once into a cached bench directory (WEEGWIJZER_BENCH_DIR, default <tmp>/weegwijzer-bench).
 * 2. Library only: runMetric on an AnalyticReader over the same snapshot, per metric, one caller
 *    (sequential) and 16 concurrent callers for BENCH_SECONDS (default 20).
 * 3. The API (createApp, rate limit off) with 16 concurrent HTTP clients (in a worker thread) on loopback, keep-alive,
 *    for BENCH_SECONDS, round-robin over the main metric endpoints as the inspectorate: once with
 *    the metric result cache off (every request computes), once with it on.
 * Prints p50/p95/p99 and requests/s per endpoint, errors, and the ratios API p95 / library time.
 */
import { ANALYTIC_SCHEMA_VERSION } from '@weegwijzer/contract';
import { Ingestor, generateDemo, scaleForSignals } from '@weegwijzer/etl';
import { catalogue, runMetric } from '@weegwijzer/metrics';
import { acquireOwnership, AnalyticReader, closeOperationalStore, openOperationalStore, readSnapshotPointer } from '@weegwijzer/store';
import { runApi, stats, type ApiRun, type Stats } from './api-load';
import { log } from './synthetic-snapshot';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const TARGET_SIGNALS = Number(process.env.BENCH_SIGNALS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CLIENTS = 16;
const YEARS = 3;
const END_YEAR = 2025;
const SEED = 1;
// every metric the nctv role may ask (reassessment_consistency is the inspectorate's only)
const METRICS = catalogue('nctv').map((m) => m.name);
const K = 5;

async function prepareData(benchDir: string): Promise<string> {
  const scale = Math.round(scaleForSignals(TARGET_SIGNALS, YEARS, END_YEAR) * 100) / 100;
  const tag = `s${SEED}-y${YEARS}-x${scale}`;
  const dataDir = join(benchDir, `data-${tag}`);
  const marker = join(dataDir, 'bench-ready.json');
  if (existsSync(marker) && readSnapshotPointer(dataDir)) {
    log(`using cached bench data in ${dataDir} (${readFileSync(marker, 'utf8').trim()})`);
    if (readSnapshotPointer(dataDir)!.schema_version !== ANALYTIC_SCHEMA_VERSION) {
      // an older analytic schema: the ingestor's start-up rebuilds the snapshot from the cached batches
      log(`rebuilding the snapshot for analytic schema ${ANALYTIC_SCHEMA_VERSION}`);
      const ownership = acquireOwnership(dataDir);
      const store = await openOperationalStore({ dataDir });
      try {
        await new Ingestor({ dataDir, store }).init();
      } finally {
        await closeOperationalStore(store);
        ownership.release();
      }
    }
    return dataDir;
  }
  mkdirSync(dataDir, { recursive: true });
  const demoDir = join(benchDir, `demo-${tag}`);
  const genMarker = join(demoDir, 'bench-generated.json');
  let batchDirs: string[];
  if (existsSync(genMarker)) {
    batchDirs = (JSON.parse(readFileSync(genMarker, 'utf8')) as { batchDirs: string[] }).batchDirs;
    log(`using cached demo batches in ${demoDir}`);
  } else {
    log(`generating demo data: scale ${scale} (about ${TARGET_SIGNALS} signals over ${YEARS} years) into ${demoDir}`);
    let lastPct = -1;
    const gen = await generateDemo({
      outDir: demoDir,
      seed: SEED,
      years: YEARS,
      endYear: END_YEAR,
      scale,
      format: 'parquet',
      onProgress: (done, total) => {
        const pct = Math.floor((done / total) * 10) * 10;
        if (pct !== lastPct) log(`  generate ${pct} %`);
        lastPct = pct;
      },
    });
    batchDirs = gen.batchDirs;
    writeFileSync(genMarker, JSON.stringify({ batchDirs, signals: gen.signals, assessments: gen.assessments }));
    log(`generated ${gen.signals} signals, ${gen.assessments} assessments in ${batchDirs.length} batches`);
  }
  log(`ingesting ${batchDirs.length} batches into ${dataDir}`);
  const ownership = acquireOwnership(dataDir);
  const store = await openOperationalStore({ dataDir });
  try {
    const t0 = Date.now();
    const ingestor = new Ingestor({ dataDir, store });
    let lastIndex = 0;
    const res = await ingestor.ingest(batchDirs, {
      submittedBy: 'bench',
      onProgress: (e) => {
        if (e.phase === 'snapshot' || (e.index !== lastIndex && e.index % 10 === 0)) log(`  ${e.phase} ${e.index}/${e.total}`);
        lastIndex = e.index;
      },
    });
    const bad = res.batches.filter((b) => b.outcome !== 'loaded' && b.outcome !== 'already_loaded');
    if (bad.length > 0) throw new Error(`${bad.length} bench batches were not loaded: ${bad[0].message}`);
    await (ingestor as { close?: () => Promise<void> }).close?.();
    log(`ingest took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await closeOperationalStore(store);
    ownership.release();
  }
  const pointer = readSnapshotPointer(dataDir);
  writeFileSync(marker, JSON.stringify({ signals: pointer?.signals, assessments: pointer?.assessments }));
  return dataDir;
}

/** runMetric on the snapshot directly: one caller, then CLIENTS concurrent callers. */
async function libraryTimes(dataDir: string): Promise<{ single: Map<string, Stats>; concurrent: Map<string, Stats> }> {
  const reader = new AnalyticReader({ dataDir });
  const run = (name: string) => runMetric(name, { role: 'inspectie', k: K, scope: {} }, reader.query);
  const single = new Map<string, Stats>();
  for (const name of METRICS) {
    await run(name);
    const samples: number[] = [];
    const until = Date.now() + Math.max(2000, (SECONDS * 1000) / METRICS.length / 2);
    while (Date.now() < until || samples.length < 5) {
      const t = performance.now();
      await run(name);
      samples.push(performance.now() - t);
    }
    single.set(name, stats(samples, samples.reduce((a, b) => a + b, 0) / 1000));
  }
  const samples = new Map<string, number[]>(METRICS.map((m) => [m, []]));
  const end = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = c; Date.now() < end; i++) {
        const name = METRICS[i % METRICS.length];
        const t = performance.now();
        await run(name);
        samples.get(name)!.push(performance.now() - t);
      }
    }),
  );
  await reader.close();
  return { single, concurrent: new Map(METRICS.map((m) => [m, stats(samples.get(m)!, SECONDS)])) };
}

/** The API on the bench data: every request computes (metricCache 0) or results are cached per snapshot, role and region. */
async function runApiOn(dataDir: string, metricCache: number, label: string): Promise<ApiRun & { perEndpoint: Map<string, Stats> }> {
  const run = await runApi({ dataDir, metricCache, label, paths: METRICS.map((m) => `/api/v1/metrics/${m}`), clients: CLIENTS, seconds: SECONDS });
  return { ...run, perEndpoint: new Map(METRICS.map((m, i) => [m, run.perPath[i]])) };
}

async function main(): Promise<void> {
  const benchDir = process.env.WEEGWIJZER_BENCH_DIR ?? join(tmpdir(), 'weegwijzer-bench');
  mkdirSync(benchDir, { recursive: true });
  for (const m of METRICS) if (!catalogue('inspectie').some((e) => e.name === m)) throw new Error(`metric ${m} is not in the catalogue`);
  const dataDir = await prepareData(benchDir);
  const pointer = readSnapshotPointer(dataDir)!;

  log(`library only: ${METRICS.length} metrics, 1 caller, then ${CLIENTS} concurrent callers for ${SECONDS} s`);
  const lib = await libraryTimes(dataDir);
  const cold = await runApiOn(dataDir, 0, 'no result cache');
  const warm = await runApiOn(dataDir, 500, 'result cache');

  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');
  const out: string[] = [];
  out.push('');
  out.push(
    `bench:api — ${pointer.signals.toLocaleString('en')} signals, ${pointer.assessments.toLocaleString('en')} assessments; ${CLIENTS} concurrent clients, ${SECONDS} s each, loopback, keep-alive; role inspectie, all regions, k=${K}`,
  );
  out.push(`operational store: PGlite; node ${process.version}; ${cpus().length} cores; load average at start ${loadavg()[0].toFixed(1)}`);
  out.push('times in ms; lib = runMetric on an AnalyticReader in-process (1 caller, and 16 concurrent callers)');
  out.push('');
  const head = ['endpoint', 'lib1 p50', 'lib16 p95', 'API req/s', 'p50', 'p95', 'p99', 'p95/lib16', 'cached req/s', 'p50', 'p95', 'p99', 'p95/lib1'];
  const rows = METRICS.map((m) => {
    const s1 = lib.single.get(m)!;
    const s16 = lib.concurrent.get(m)!;
    const a = cold.perEndpoint.get(m)!;
    const c = warm.perEndpoint.get(m)!;
    return [
      m,
      f(s1.p50),
      f(s16.p95),
      a.perSecond.toFixed(1),
      f(a.p50),
      f(a.p95),
      f(a.p99),
      (a.p95 / s16.p95).toFixed(2),
      c.perSecond.toFixed(1),
      f(c.p50),
      f(c.p95),
      f(c.p99),
      (c.p95 / s1.p50).toFixed(3),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [head, ...rows]) out.push(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  out.push('');
  const libTotal16 = [...lib.concurrent.values()].reduce((a, s) => a + s.n, 0);
  out.push(`library, ${CLIENTS} concurrent callers: ${libTotal16} calls, ${(libTotal16 / SECONDS).toFixed(1)} calls/s`);
  for (const r of [cold, warm]) {
    out.push(
      `API, ${r.label}: ${r.total} requests, ${(r.total / SECONDS).toFixed(1)} req/s, p50 ${f(r.all.p50)} / p95 ${f(r.all.p95)} / p99 ${f(r.all.p99)} ms over every request, ${r.errors} errors, ${(r.bytes / 1e6).toFixed(1)} MB`,
    );
  }
  out.push(`Target (issue 13): without the result cache ≥ 100 req/s with p95 ≤ 300 ms over every request, 0 errors.`);
  out.push('API p95 < 2x library time. Without the result cache, 16 clients share 2 cores, so compare with the library at the');
  out.push('same concurrency (p95/lib16); with the cache (results per snapshot, role and region) compare with one uncontended caller (p95/lib1).');
  process.stdout.write(out.join('\n') + '\n');
  if (cold.errors + warm.errors > 0) process.exitCode = 1;
}

main().catch((e) => {
  process.stderr.write(`bench:api failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
