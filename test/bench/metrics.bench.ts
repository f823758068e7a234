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
import { performance } from 'node:perf_hooks';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ASSESSMENTS_DDL, DERIVED_TABLES_SQL, loadMunicipalities, META_DDL, SIGNALS_DDL, type QueryFn, type SqlParam } from '@weegwijzer/contract';
import { generatedSql, runMetric, type MetricRequest, type SqlStatement } from '@weegwijzer/metrics';
import { plainValueConverter } from '@weegwijzer/store';
import { recordKeyMacroSql } from '@weegwijzer/store';
import { TEST_RECORD_KEY_SECRET } from '../metrics/record-key';

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

const log = (msg: string) => process.stderr.write(`${msg}\n`);
async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t = performance.now();
  log(`${label} ...`);
  const out = await f();
  log(`${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return out;
}

/** Synthetic data: 3 assessments per signal, four paths, ties, loops, missing scores. */
async function buildSnapshot(conn: DuckDBConnection, signals: number): Promise<void> {
  await conn.run(SIGNALS_DDL);
  await conn.run(ASSESSMENTS_DDL);
  await conn.run(META_DDL);
  await conn.run('CREATE TEMP TABLE muni (region_code VARCHAR, idx INTEGER, code VARCHAR)');
  const munis = loadMunicipalities();
  const byRegion = new Map<string, string[]>();
  for (const m of munis) byRegion.set(m.regionCode, [...(byRegion.get(m.regionCode) ?? []), m.code]);
  const values = [...byRegion].flatMap(([r, codes]) => codes.map((c, i) => `('${r}', ${i}, '${c}')`));
  await conn.run(`INSERT INTO muni VALUES ${values.join(', ')}`);
  await conn.run(`CREATE TEMP TABLE muni_count AS SELECT region_code, count(*)::INTEGER AS n FROM muni GROUP BY region_code`);
  const pick = (list: string[], h: string) => `[${list.map((x) => `'${x}'`).join(', ')}][1 + ((${h}) % ${list.length})::BIGINT]`;
  await timed(`signals (${signals})`, () =>
    conn.run(`INSERT INTO signals
SELECT 'S' || lpad(i::VARCHAR, 9, '0'),
  CASE WHEN hash(i, 1) % 10 < 7 THEN 'P' || (hash(i, 2) % ${Math.max(1, Math.floor(signals * 0.8))})::VARCHAR END,
  r.region_code,
  CASE WHEN hash(i, 5) % 20 = 0 THEN NULL ELSE (SELECT code FROM muni m WHERE m.region_code = r.region_code AND m.idx = hash(i, 6) % c.n) END,
  DATE '2021-01-01' + (hash(i, 4) % 1826)::INTEGER,
  ${pick(['politie', 'politie', 'politie', 'politie', 'gemeente', 'gemeente', 'om'], 'hash(i, 7)')},
  ${pick(['politie_registratie', 'politie_registratie', 'politie_trefwoord', 'osint', 'burger', 'professional_meldpunt', 'lse_doorverwijzing', 'ambtsbericht', 'inlichtingendienst', 'om_strafzaak', 'overig'], 'hash(i, 8)')},
  ${pick(['jihadisme', 'jihadisme', 'jihadisme', 'rechts_extremisme', 'rechts_extremisme', 'links_extremisme', 'anti_institutioneel', 'overig', 'gemengd_onduidelijk', 'onbekend'], 'hash(i, 9)')},
  NULL, 'bench'
FROM range(${signals}) t(i)
CROSS JOIN LATERAL (SELECT 'VR' || lpad((1 + hash(i, 3) % 25)::VARCHAR, 2, '0') AS region_code) r
JOIN muni_count c ON c.region_code = r.region_code`),
  );
  // pattern p = hash % 4 (per signal), step s = 0..2:
  // 0: pre_weging doorgezet, afstemmingsoverleg doorgezet, weegploeg (final)     → via_pre_weging
  // 1: pre_weging verrijking, pre_weging, afstemmingsoverleg (drop or not)        → dropped or pending
  // 2: weegploeg nadere_duiding, weegploeg nadere_duiding, weegploeg (final)      → direct, re-assessment loop
  // 3: pre_weging verrijking, pre_weging doorgezet, weegploeg (final, same day)   → via_pre_weging, tie
  await timed(`assessments (${signals * 3})`, () =>
    conn.run(`INSERT INTO assessments
WITH x AS (
  SELECT j, j // 3 AS i, (j % 3)::INTEGER AS s, (hash(j // 3, 11) % 4)::INTEGER AS p, (hash(j, 12) % 1000000007)::BIGINT AS h FROM range(${signals * 3}) t(j)
), y AS (
  SELECT x.*, sg.signal_id, sg.region_code, sg.received_at, sg.receiving_party,
    CASE WHEN p IN (0, 3) AND s < 2 OR p = 1 AND s < 2 THEN 'pre_weging' WHEN p IN (0, 1) AND s = 1 THEN 'afstemmingsoverleg' ELSE 'weegploeg' END AS stage0
  FROM x JOIN signals sg ON sg.signal_id = 'S' || lpad(x.i::VARCHAR, 9, '0')
), z AS (
  SELECT *, CASE WHEN p = 0 AND s = 1 THEN 'afstemmingsoverleg' WHEN p = 1 AND s = 2 THEN 'afstemmingsoverleg' WHEN p = 0 AND s = 0 THEN 'pre_weging' WHEN p = 0 THEN 'weegploeg' WHEN p = 1 THEN 'pre_weging' WHEN p = 2 THEN 'weegploeg' WHEN s < 2 THEN 'pre_weging' ELSE 'weegploeg' END AS stage
  FROM y
)
SELECT 'A' || lpad(j::VARCHAR, 10, '0'), signal_id, region_code, stage,
  CASE stage WHEN 'pre_weging' THEN receiving_party WHEN 'afstemmingsoverleg' THEN 'politie_om' ELSE CASE WHEN region_code = 'VR24' THEN 'driehoek' ELSE 'weegploeg' END END,
  received_at + (s * 9 + CASE WHEN p = 3 AND s = 2 THEN -9 ELSE h % 5 END)::INTEGER,
  ${pick(['wettelijke_criteria', 'ontwikkelgebieden', 'ica', 'le_model', 'particulier_instrument', 'open_gesprek', 'niet_pluis', 'onbekend'], 'h')},
  CASE WHEN h % 7 = 0 THEN NULL ELSE (h // 7) % 3 END, (h // 21) % 3, (h // 63) % 3, (h // 189) % 3, (h // 567) % 3,
  CASE
    WHEN stage = 'weegploeg' AND p = 2 AND s < 2 THEN 'nadere_duiding'
    WHEN stage = 'weegploeg' THEN ${pick(['casusoverleg', 'geen_casusoverleg', 'geen_casusoverleg', 'nadere_duiding'], '(h // 3)')}
    WHEN stage = 'afstemmingsoverleg' AND p = 1 THEN ${pick(['doorgezet', 'niet_doorgezet'], '(h // 3)')}
    WHEN stage = 'afstemmingsoverleg' THEN 'doorgezet'
    WHEN s = 0 AND p IN (1, 3) THEN 'verrijking'
    WHEN p = 1 THEN ${pick(['niet_doorgezet', 'afgesloten_onvoldoende_info', 'doorverwezen', 'verrijking'], '(h // 3)')}
    ELSE 'doorgezet'
  END,
  NULL,
  CASE WHEN stage = 'weegploeg' THEN h % 11 <> 0 END, CASE WHEN stage = 'weegploeg' THEN true END, CASE WHEN stage = 'weegploeg' THEN h % 13 <> 0 END,
  CASE WHEN stage = 'weegploeg' THEN h % 5 <> 0 END, CASE WHEN stage = 'weegploeg' THEN true END, CASE WHEN stage = 'weegploeg' THEN h % 9 <> 0 END,
  CASE WHEN stage = 'weegploeg' THEN h % 17 <> 0 END,
  h % 6 <> 0, h % 19 <> 0, 'bench'
FROM z`),
  );
  await timed('derived tables (signal_facts, assessment_facts)', async () => {
    await conn.run(recordKeyMacroSql(TEST_RECORD_KEY_SECRET));
  for (const stmt of DERIVED_TABLES_SQL) await conn.run(stmt);
  });
  await conn.run(`INSERT INTO meta VALUES ('snapshot_id', 'bench'), ('built_at', '${new Date().toISOString()}'), ('batch_count', '1'), ('signals', '${signals}'), ('assessments', '${signals * 3}')`);
}

/** The requests measured: every metric (and each parameter value that changes the SQL shape). */
const REQUESTS: { label: string; name: string; request: MetricRequest }[] = [
  ['flow', {}],
  ['dropoff', {}],
  ['dropoff', { by: 'receiving_party' }],
  ['leadtime', {}],
  ['criteria_usage', {}],
  ['criteria_coverage', {}],
  ['outcome_divergence', {}],
  ['outcome_divergence', { stage: 'pre_weging', by: 'region_body' }],
  ['reassessment_consistency', {}],
  ['phenomenon_coverage', {}],
  ['integrality', {}],
  ['reach', {}],
  ['trend', {}],
  ['trend', { by: 'source' }],
].map(([name, params]) => ({
  label: `${name}${Object.keys(params as object).length ? ` ${Object.entries(params as object).map(([k, v]) => `${k}=${v}`).join(',')}` : ''}`,
  name: name as string,
  request: { role: 'inspectie', scope: { from: '2024-01-01', to: '2024-12-31' }, params: params as Record<string, string> },
}));
const REGIO = { label: 'flow (regio VR13, peer view)', name: 'flow', request: { role: 'regio', region: 'VR13', scope: { from: '2024-01-01', to: '2024-12-31' } } as MetricRequest };

async function medianOf(runs: number, f: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await f(); // warm-up (a serving process has a warm JIT)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  return median(times);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Medians of two alternatives run alternately, so both see the same machine load. */
async function medianOfPair(runs: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  for (let i = 0; i < 3; i++) {
    await a();
    await b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await a();
    ta.push(performance.now() - t);
    t = performance.now();
    await b();
    tb.push(performance.now() - t);
  }
  return [median(ta), median(tb)];
}

function statements(s: { main: SqlStatement; links?: SqlStatement; stats?: SqlStatement }): SqlStatement[] {
  return [s.main, ...(s.links ? [s.links] : []), ...(s.stats ? [s.stats] : [])];
}

async function loadPostgres(url: string, conn: DuckDBConnection, dir: string): Promise<{ client: Client; schema: string }> {
  const schema = `bench_metrics_${process.pid}`;
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  const pgType: Record<string, string> = { VARCHAR: 'text', DATE: 'date', INTEGER: 'integer', BIGINT: 'bigint', BOOLEAN: 'boolean', TINYINT: 'smallint', SMALLINT: 'smallint' };
  for (const table of ['signal_facts', 'assessment_facts']) {
    const cols = (await conn.runAndReadAll(`DESCRIBE ${table}`)).getRowObjectsJS() as { column_name: string; column_type: string }[];
    const ddl = cols.map((c) => {
      const t = pgType[c.column_type];
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
    const [{ s, a }] = (await conn.runAndReadAll('SELECT (SELECT count(*) FROM signal_facts) AS s, (SELECT count(*) FROM assessment_facts) AS a')).getRowObjectsJS() as { s: bigint; a: bigint }[];
    log(`snapshot: ${s} signals, ${a} assessments`);
    conn.closeSync();
    writer.closeSync();
  }
  const db = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY', threads: '2' });
  // the library's QueryFn: a connection per query and the store's value conversion, as AnalyticReader
  const query: QueryFn = async (sql, params) => {
    const c = await db.connect();
    try {
      const reader = await c.runAndReadAll(sql, params ? ([...params] as never) : undefined);
      return reader.convertRowObjects(plainValueConverter) as Record<string, unknown>[];
    } finally {
      c.closeSync();
    }
  };
  // bare SQL: the same statements, results left as DuckDB returns them
  const bareRun = async (st: SqlStatement) => {
    const c = await db.connect();
    try {
      await c.runAndReadAll(st.text, st.params as SqlParam[] as never);
    } finally {
      c.closeSync();
    }
  };

  const pgUrl = process.env.DATABASE_URL;
  let pg: { client: Client; schema: string } | undefined;
  if (pgUrl) {
    const c = await db.connect();
    pg = await timed('PostgreSQL: loading signal_facts and assessment_facts', () => loadPostgres(pgUrl, c, dataDir));
    c.closeSync();
  }

  const rows: string[][] = [];
  try {
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
  console.log(`\nmetrics benchmark: ${o.signals.toLocaleString('en')} signals, ${(o.signals * 3).toLocaleString('en')} assessments; median of ${o.runs}, library and bare SQL run alternately (PostgreSQL: median of ${Math.min(o.runs, 3)}); target library < 100 ms and ≤ 1.5 × bare SQL`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
  if (!pg) console.log('(set DATABASE_URL to compare with PostgreSQL)');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
