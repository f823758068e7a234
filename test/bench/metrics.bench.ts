/**
 * npm run bench:metrics [-- --signals 1000000 --runs 5 --keep <dir> [--reuse]]
 *
 * Builds an analytic snapshot with 1 000 000 signals and 3 000 000 assessments (synthetic,
 * generated in DuckDB with range(); same schema and derived tables as the ETL builds), then
 * for every metric: the median of 5 runs through the library (runMetric with a QueryFn that
 * converts values exactly as the store's AnalyticReader does) next to the median of 5 of its
 * bare SQL on DuckDB (no conversion), and the ratio — both on one READ_ONLY DuckDB instance
 * with 2 threads (one instance per file per process). With DATABASE_URL set it also loads the same signal_facts and
 * assessment_facts into PostgreSQL (own schema, COPY FROM STDIN) and runs the same SQL there
 * (PostgreSQL dialect: percentile_cont for quantile_cont), printing the PostgreSQL/DuckDB ratio.
 * Targets: library ≤ 1.5 × bare SQL and < 100 ms median on 2 cores.
 */
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { Client } from 'pg';
import { ANALYTIC_TABLES } from '@weegwijzer/contract';
import { from as copyFrom } from 'pg-copy-streams';
import { generatedSql, runMetric } from '@weegwijzer/metrics';
import { buildSnapshot, contenders, log, medianOf, medianOfPair, REGIO, REQUESTS, statements, timed, warmUp } from './synthetic-snapshot';

interface Options {
  signals: number;
  runs: number;
  /** Keep the data dir (snapshot) instead of deleting it. */
  keep?: string;
  /** With --keep: use the snapshot already there instead of building it again. */
  reuse: boolean;
}

function parseOptions(argv: string[]): Options {
  const o: Options = { signals: 1_000_000, runs: 5, reuse: false };
  for (let i = 0; i < argv.length; i++) {
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${argv[i - 1]} needs a value`);
      return v;
    };
    if (argv[i] === '--signals') o.signals = Number(next());
    else if (argv[i] === '--runs') o.runs = Number(next());
    else if (argv[i] === '--keep') o.keep = next();
    else if (argv[i] === '--reuse') o.reuse = true;
    else throw new Error(`unknown option ${argv[i]} (use --signals N, --runs N, --keep DIR, --reuse)`);
  }
  if (!(Number.isInteger(o.signals) && o.signals > 0)) throw new Error('--signals must be a positive whole number');
  if (!(Number.isInteger(o.runs) && o.runs > 0)) throw new Error('--runs must be a positive whole number');
  if (o.reuse && !o.keep) throw new Error('--reuse needs --keep DIR');
  return o;
}

async function loadPostgres(url: string, conn: DuckDBConnection, dir: string): Promise<{ client: Client; schema: string }> {
  const schema = `bench_metrics_${process.pid}`;
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  const pgType: Record<string, string> = { VARCHAR: 'text', DATE: 'date', INTEGER: 'integer', BIGINT: 'bigint', BOOLEAN: 'boolean', TINYINT: 'smallint', SMALLINT: 'smallint' };
  for (const table of ANALYTIC_TABLES) {
    const cols = (await conn.runAndReadAll(`DESCRIBE ${table}`)).getRowObjectsJS() as { column_name: string; column_type: string }[];
    const ddl = cols.map((c) => {
      // a code column of an aggregate table (an ENUM of its code list) is text in PostgreSQL
      const t = c.column_type.startsWith('ENUM(') ? 'text' : pgType[c.column_type];
      if (!t) throw new Error(`no PostgreSQL type for ${table}.${c.column_name} ${c.column_type}`);
      return `${c.column_name} ${t}`;
    });
    await client.query(`CREATE TABLE ${table} (${ddl.join(', ')})`);
    const file = join(dir, `${table}.csv`);
    await timed(`PostgreSQL: COPY ${table}`, async () => {
      await conn.run(`COPY ${table} TO '${file}' (FORMAT csv, HEADER false)`);
      await pipeline(createReadStream(file), client.query(copyFrom(`COPY ${table} FROM STDIN WITH (FORMAT csv)`)));
      rmSync(file);
    });
    await client.query(`ANALYZE ${table}`);
  }
  return { client, schema };
}

/** `?` placeholders -> `$1, $2, ...` (no `?` occurs in the generated SQL otherwise). */
const toPg = (text: string) => {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
};

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const dataDir = o.keep ?? mkdtempSync(join(tmpdir(), 'weegwijzer-bench-metrics-'));
  mkdirSync(join(dataDir, 'snapshots'), { recursive: true });
  const snapshotId = `bench-${o.signals}`;
  const file = join(dataDir, 'snapshots', `${snapshotId}.duckdb`);
  log(`data dir ${dataDir}`);
  if (o.reuse && existsSync(file)) log(`reusing ${file}`);
  else {
    rmSync(file, { force: true });
    const writer = await DuckDBInstance.create(file);
    const conn = await writer.connect();
    await timed('building the snapshot', () => buildSnapshot(conn, o.signals));
    const [{ s, a }] = (await conn.runAndReadAll('SELECT (SELECT count(*) FROM signal_facts) AS s, (SELECT count(*) FROM assessment_facts) AS a')).getRowObjectsJS() as {
      s: bigint;
      a: bigint;
    }[];
    log(`snapshot: ${s} signals, ${a} assessments`);
    conn.closeSync();
    writer.closeSync();
  }
  const db = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY', threads: '2' });
  const { query, bareRun } = contenders(db);

  const pgUrl = process.env.DATABASE_URL;
  let pg: { client: Client; schema: string } | undefined;
  if (pgUrl) {
    const c = await db.connect();
    pg = await timed('PostgreSQL: loading the analytic tables', () => loadPostgres(pgUrl, c, dataDir));
    c.closeSync();
  }

  const rows: string[][] = [];
  try {
    await timed('warming up (every request, 10 rounds)', () => warmUp([...REQUESTS, REGIO], query));
    for (const r of [...REQUESTS, REGIO]) {
      log(`measuring ${r.label}`);
      const sql = statements(generatedSql(r.name, r.request, 'duckdb'));
      const [library, bareMs] = await medianOfPair(
        o.runs,
        () => runMetric(r.name, r.request, query),
        () => Promise.all(sql.map(bareRun)),
      );
      let pgMs: number | undefined;
      if (pg) {
        const pgSql = statements(generatedSql(r.name, r.request, 'postgres'));
        const client = pg.client;
        pgMs = await medianOf(Math.min(o.runs, 3), async () => {
          for (const st of pgSql) await client.query(toPg(st.text), st.params as unknown[]);
        });
      }
      const ratio = library / bareMs;
      rows.push([
        r.label,
        library.toFixed(1),
        bareMs.toFixed(1),
        ratio.toFixed(2),
        library < 100 && ratio <= 1.5 ? 'ok' : library < 100 ? 'ratio' : 'time',
        ...(pg ? [(pgMs as number).toFixed(0), ((pgMs as number) / bareMs).toFixed(0)] : []),
      ]);
    }
  } finally {
    db.closeSync();
    if (pg) {
      await pg.client.query(`DROP SCHEMA ${pg.schema} CASCADE`);
      await pg.client.end();
    }
    if (!o.keep) rmSync(dataDir, { recursive: true, force: true });
  }

  const header = ['metric (2024, all regions, inspectie)', 'library ms', 'bare SQL ms', 'lib/SQL', 'target', ...(pg ? ['PostgreSQL ms', 'PG/DuckDB'] : [])];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(
    `\nmetrics benchmark: ${o.signals.toLocaleString('en')} signals, ${(o.signals * 3).toLocaleString('en')} assessments; median of ${o.runs}, library and bare SQL run alternately (PostgreSQL: median of ${Math.min(o.runs, 3)}); target library < 100 ms and ≤ 1.5 × bare SQL`,
  );
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
  if (!pg) console.log('(set DATABASE_URL to compare with PostgreSQL)');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
