/**
 * npm run bench:scale [-- --sizes 100000,1000000 --with-10m --runs 5 --api-seconds 15 --cache DIR]
 *
 * The scaling curve: every metric of bench:metrics through the library (runMetric, the
 * store's value conversion) and as bare SQL, at 100 k, 1 M and (with --with-10m) 10 M
 * signals (3 assessments each), printing the median per metric per size, the build time,
 * the snapshot size and the peak RSS of the measuring process. Each snapshot is generated
 * once (synthetic-snapshot.ts) and cached under --cache or WEEGWIJZER_BENCH_CACHE (default
 * <os tmp>/weegwijzer-bench-scale); DuckDB is held to --memory (default 12GB, spilling to the
 * cache folder) so 10 M stays well inside a 24 GiB machine. Each size is built and measured
 * in a child process of its own, so peak RSS is per size. Then the API (createApp, rate
 * limit off) serves the same snapshot to 16 concurrent HTTP clients going round-robin over the
 * same requests, for --api-seconds (default 15) without the metric result cache and a third
 * of that with it: requests/s, p50/p95 over all requests, errors and the peak RSS with the API.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ANALYTIC_SCHEMA_VERSION } from '@weegwijzer/contract';
import { generatedSql, runMetric } from '@weegwijzer/metrics';
import { snapshotFile, writeSnapshotPointer } from '@weegwijzer/store';
import { runApi, type ApiRun } from './api-load';
import { buildSnapshot, contenders, log, medianOfPair, REGIO, REQUESTS, statements, timed, warmUp } from './synthetic-snapshot';

interface Options {
  sizes: number[];
  runs: number;
  /** Seconds of API load per size (uncached; the cached run takes a third of it); 0 skips the API. */
  apiSeconds: number;
  cache: string;
  memory: string;
  /** Child modes. */
  build?: number;
  measure?: number;
}

function parseOptions(argv: string[]): Options {
  const o: Options = {
    sizes: [100_000, 1_000_000],
    runs: 5,
    apiSeconds: 15,
    cache: process.env.WEEGWIJZER_BENCH_CACHE || join(tmpdir(), 'weegwijzer-bench-scale'),
    memory: '12GB',
  };
  let with10m = false;
  for (let i = 0; i < argv.length; i++) {
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${argv[i - 1]} needs a value`);
      return v;
    };
    if (argv[i] === '--sizes') o.sizes = next().split(',').map(Number);
    else if (argv[i] === '--with-10m') with10m = true;
    else if (argv[i] === '--runs') o.runs = Number(next());
    else if (argv[i] === '--api-seconds') o.apiSeconds = Number(next());
    else if (argv[i] === '--cache') o.cache = next();
    else if (argv[i] === '--memory') o.memory = next();
    else if (argv[i] === '--build') o.build = Number(next());
    else if (argv[i] === '--measure') o.measure = Number(next());
    else throw new Error(`unknown option ${argv[i]} (use --sizes N,N --with-10m --runs N --api-seconds N --cache DIR --memory 12GB)`);
  }
  if (with10m && !o.sizes.includes(10_000_000)) o.sizes.push(10_000_000);
  if (!o.sizes.every((n) => Number.isInteger(n) && n > 0)) throw new Error('--sizes must be positive whole numbers, comma-separated');
  if (!(Number.isInteger(o.runs) && o.runs > 0)) throw new Error('--runs must be a positive whole number');
  if (!(Number.isFinite(o.apiSeconds) && o.apiSeconds >= 0)) throw new Error('--api-seconds must be a number of seconds (0: no API)');
  return o;
}

/** The cached snapshot of n signals (per analytic schema version: a newer schema builds anew). */
const fileOf = (o: Options, n: number) => join(o.cache, `scale-${n}-v${ANALYTIC_SCHEMA_VERSION}.duckdb`);

/** Child: generates the snapshot of n signals into the cache (written under a temporary name, then renamed). */
async function buildChild(o: Options, n: number): Promise<void> {
  const file = fileOf(o, n);
  const building = `${file}.building`;
  rmSync(building, { force: true });
  rmSync(`${building}.wal`, { force: true });
  const spill = join(o.cache, 'spill');
  mkdirSync(spill, { recursive: true });
  const db = await DuckDBInstance.create(building, { memory_limit: o.memory, temp_directory: spill, threads: '2', preserve_insertion_order: 'false' });
  const conn = await db.connect();
  await timed(`building ${n} signals`, () => buildSnapshot(conn, n));
  await conn.run('CHECKPOINT');
  conn.closeSync();
  db.closeSync();
  renameSync(building, file);
  rmSync(spill, { recursive: true, force: true });
}

interface ApiFigures {
  reqPerS: number;
  p50: number;
  p95: number;
  errors: number;
}
interface Measured {
  rows: { label: string; library: number; bare: number }[];
  maxRssMb: number;
  api?: { uncached: ApiFigures; cached: ApiFigures; maxRssMb: number };
}

const API_CLIENTS = 16;

/**
 * A data directory whose served snapshot is the cached synthetic file (linked, not copied),
 * so the API (createApp: its own operational store in PGlite, AnalyticReader) serves it.
 */
function apiDataDir(o: Options, n: number): string {
  const dataDir = join(o.cache, `api-${n}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(join(dataDir, 'snapshots'), { recursive: true });
  const id = `scale-${n}`;
  symlinkSync(fileOf(o, n), snapshotFile(dataDir, id));
  writeSnapshotPointer(dataDir, {
    format: 1,
    snapshot_id: id,
    file: `snapshots/${id}.duckdb`,
    built_at: new Date().toISOString(),
    schema_version: ANALYTIC_SCHEMA_VERSION,
    batches: [],
    signals: n,
    assessments: n * 3,
    previous_snapshot_id: null,
  });
  return dataDir;
}

/** The measured requests as API paths (inspectie; every metric of bench:metrics, 2024). */
function apiPaths(): string[] {
  return REQUESTS.map((r) => {
    const q = new URLSearchParams({ from: '2024-01', to: '2024-12', ...r.request.params });
    return `/api/v1/metrics/${r.name}?${q.toString()}`;
  });
}

async function measureApi(o: Options, n: number): Promise<NonNullable<Measured['api']>> {
  const dataDir = apiDataDir(o, n);
  const figures = (r: ApiRun): ApiFigures => ({ reqPerS: r.all.perSecond, p50: r.all.p50, p95: r.all.p95, errors: r.errors });
  try {
    const common = { dataDir, paths: apiPaths(), clients: API_CLIENTS };
    const uncached = await runApi({ ...common, metricCache: 0, label: `${n}: no result cache`, seconds: o.apiSeconds });
    const cached = await runApi({ ...common, metricCache: 500, label: `${n}: result cache`, seconds: Math.max(1, o.apiSeconds / 3) });
    return { uncached: figures(uncached), cached: figures(cached), maxRssMb: process.resourceUsage().maxRSS / 1024 };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Child: every request, library and bare SQL alternately, on one READ_ONLY instance with 2 threads. */
async function measureChild(o: Options, n: number): Promise<void> {
  const db = await DuckDBInstance.create(fileOf(o, n), { access_mode: 'READ_ONLY', threads: '2', memory_limit: o.memory });
  const { query, bareRun } = contenders(db);
  const out: Measured = { rows: [], maxRssMb: 0 };
  await warmUp([...REQUESTS, REGIO], query);
  for (const r of [...REQUESTS, REGIO]) {
    log(`  ${n}: ${r.label}`);
    const sql = statements(generatedSql(r.name, r.request, 'duckdb'));
    const [library, bare] = await medianOfPair(
      o.runs,
      () => runMetric(r.name, r.request, query),
      () => Promise.all(sql.map(bareRun)),
    );
    out.rows.push({ label: r.label, library, bare });
  }
  db.closeSync();
  out.maxRssMb = process.resourceUsage().maxRSS / 1024;
  if (o.apiSeconds > 0) out.api = await measureApi(o, n);
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** Runs this script as a child with the given mode; returns its stdout, its wall time and its peak RSS. */
function child(args: string[]): { stdout: string; ms: number } {
  const t = Date.now();
  const r = spawnSync(process.execPath, [...process.execArgv, __filename, ...args], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`child ${args.join(' ')} failed (${r.status ?? r.signal})`);
  return { stdout: r.stdout, ms: Date.now() - t };
}

const fmt = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000} M` : `${n / 1000} k`);

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  if (o.build) return buildChild(o, o.build);
  if (o.measure) return measureChild(o, o.measure);
  mkdirSync(o.cache, { recursive: true });
  log(`cache ${o.cache}`);
  const results = new Map<number, Measured & { buildS: number | null; fileMb: number }>();
  for (const n of o.sizes) {
    let buildS: number | null = null;
    if (!existsSync(fileOf(o, n))) {
      const b = child(['--build', String(n), '--cache', o.cache, '--memory', o.memory]);
      buildS = b.ms / 1000;
    } else log(`reusing ${fileOf(o, n)}`);
    const m = JSON.parse(
      child(['--measure', String(n), '--cache', o.cache, '--memory', o.memory, '--runs', String(o.runs), '--api-seconds', String(o.apiSeconds)])
        .stdout.trim()
        .split('\n')
        .pop() as string,
    ) as Measured;
    results.set(n, { ...m, buildS, fileMb: statSync(fileOf(o, n)).size / 2 ** 20 });
  }
  const load = execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ');
  console.log(`scaling curve: median of ${o.runs} (library and bare SQL alternately), 2 DuckDB threads; load average ${load}`);
  const sizes = [...results.keys()];
  const w = 22;
  console.log(`${'metric (2024, all regions, inspectie)'.padEnd(52)}${sizes.map((n) => `${fmt(n)}: lib / SQL ms`.padStart(w)).join('')}`);
  console.log('-'.repeat(52 + w * sizes.length));
  for (let i = 0; i < REQUESTS.length + 1; i++) {
    const label = results.get(sizes[0])!.rows[i].label;
    console.log(
      `${label.padEnd(52)}${sizes
        .map((n) => {
          const r = results.get(n)!.rows[i];
          return `${r.library.toFixed(1)} / ${r.bare.toFixed(1)}`.padStart(w);
        })
        .join('')}`,
    );
  }
  console.log('-'.repeat(52 + w * sizes.length));
  console.log(`${'peak RSS of the measuring process (MiB)'.padEnd(52)}${sizes.map((n) => results.get(n)!.maxRssMb.toFixed(0).padStart(w)).join('')}`);
  const api = (label: string, f: (a: NonNullable<Measured['api']>) => string) =>
    console.log(
      `${label.padEnd(52)}${sizes
        .map((n) => {
          const a = results.get(n)!.api;
          return (a ? f(a) : '-').padStart(w);
        })
        .join('')}`,
    );
  if (o.apiSeconds > 0) {
    api(`API, no result cache: req/s (${API_CLIENTS} clients)`, (a) => a.uncached.reqPerS.toFixed(1));
    api('API, no result cache: p50 / p95 ms', (a) => `${a.uncached.p50.toFixed(0)} / ${a.uncached.p95.toFixed(0)}`);
    api('API, result cache: req/s', (a) => a.cached.reqPerS.toFixed(1));
    api('API errors (both runs)', (a) => String(a.uncached.errors + a.cached.errors));
    api('peak RSS with the API (MiB)', (a) => a.maxRssMb.toFixed(0));
  }
  console.log(`${'snapshot file (MiB)'.padEnd(52)}${sizes.map((n) => results.get(n)!.fileMb.toFixed(0).padStart(w)).join('')}`);
  console.log(
    `${'snapshot generated in (s; cached: -)'.padEnd(52)}${sizes
      .map((n) => {
        const b = results.get(n)!.buildS;
        return (b === null ? '-' : b.toFixed(0)).padStart(w);
      })
      .join('')}`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
