/**
 * npm run bench:scale [-- --sizes 100000,1000000 --with-10m --runs 5 --cache DIR]
 *
 * The scaling curve: every metric of bench:metrics through the library (runMetric, the
 * store's value conversion) and as bare SQL, at 100 k, 1 M and (with --with-10m) 10 M
 * signals (3 assessments each), printing the median per metric per size, the build time,
 * the snapshot size and the peak RSS of the measuring process. Each snapshot is generated
 * once (synthetic-snapshot.ts) and cached under --cache or WEEGWIJZER_BENCH_CACHE (default
 * <os tmp>/weegwijzer-bench-scale); DuckDB is held to --memory (default 12GB, spilling to the
 * cache folder) so 10 M stays well inside a 24 GiB machine. Each size is built and measured
 * in a child process of its own, so peak RSS is per size.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { generatedSql, runMetric } from '@weegwijzer/metrics';
import { buildSnapshot, contenders, log, medianOfPair, REGIO, REQUESTS, statements, timed } from './synthetic-snapshot';

interface Options {
  sizes: number[];
  runs: number;
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
    else if (argv[i] === '--cache') o.cache = next();
    else if (argv[i] === '--memory') o.memory = next();
    else if (argv[i] === '--build') o.build = Number(next());
    else if (argv[i] === '--measure') o.measure = Number(next());
    else throw new Error(`unknown option ${argv[i]} (use --sizes N,N --with-10m --runs N --cache DIR --memory 12GB)`);
  }
  if (with10m && !o.sizes.includes(10_000_000)) o.sizes.push(10_000_000);
  if (!o.sizes.every((n) => Number.isInteger(n) && n > 0)) throw new Error('--sizes must be positive whole numbers, comma-separated');
  if (!(Number.isInteger(o.runs) && o.runs > 0)) throw new Error('--runs must be a positive whole number');
  return o;
}

const fileOf = (o: Options, n: number) => join(o.cache, `scale-${n}.duckdb`);

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

interface Measured {
  rows: { label: string; library: number; bare: number }[];
  maxRssMb: number;
}

/** Child: every request, library and bare SQL alternately, on one READ_ONLY instance with 2 threads. */
async function measureChild(o: Options, n: number): Promise<void> {
  const db = await DuckDBInstance.create(fileOf(o, n), { access_mode: 'READ_ONLY', threads: '2', memory_limit: o.memory });
  const { query, bareRun } = contenders(db);
  const out: Measured = { rows: [], maxRssMb: 0 };
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
      child(['--measure', String(n), '--cache', o.cache, '--memory', o.memory, '--runs', String(o.runs)])
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
