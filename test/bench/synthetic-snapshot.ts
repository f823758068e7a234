/**
 * Shared by the metrics and scale benchmarks: the synthetic analytic snapshot (generated in
 * DuckDB with range(); the same schema and derived tables as the ETL builds), the measured
 * requests and the median helpers.
 */
import { performance } from 'node:perf_hooks';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { ASSESSMENTS_DDL, DERIVED_TABLES_SQL, loadMunicipalities, META_DDL, SIGNALS_DDL, type QueryFn, type SqlParam } from '@weegwijzer/contract';
import { runMetric, type MetricRequest, type SqlStatement } from '@weegwijzer/metrics';
import { plainRowObjects, recordKeyMacroSql, StatementPool } from '@weegwijzer/store';
import { TEST_RECORD_KEY_SECRET } from '../metrics/record-key';

export const log = (msg: string) => process.stderr.write(`${msg}\n`);
export async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t = performance.now();
  log(`${label} ...`);
  const out = await f();
  log(`${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return out;
}

/** Synthetic data: 3 assessments per signal, four paths, ties, loops, missing scores. */
export async function buildSnapshot(conn: DuckDBConnection, signals: number): Promise<void> {
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
  await conn.run(
    `INSERT INTO meta VALUES ('snapshot_id', 'bench'), ('built_at', '${new Date().toISOString()}'), ('batch_count', '1'), ('signals', '${signals}'), ('assessments', '${signals * 3}')`,
  );
}

/** The requests measured: every metric (and each parameter value that changes the SQL shape). */
export const REQUESTS: { label: string; name: string; request: MetricRequest }[] = [
  ['flow', {}],
  ['dropoff', {}],
  ['dropoff', { by: 'receiving_party' }],
  ['leadtime', {}],
  ['criteria_usage', {}],
  ['criteria_coverage', {}],
  ['outcome_divergence', {}],
  ['outcome_divergence', { stage: 'pre_weging', by: 'region_body' }],
  ['reassessment_consistency', {}],
  ['preweging_outcomes', {}],
  ['phenomenon_coverage', {}],
  ['integrality', {}],
  ['reach', {}],
  ['trend', {}],
  ['trend', { by: 'source' }],
].map(([name, params]) => ({
  label: `${name}${
    Object.keys(params as object).length
      ? ` ${Object.entries(params as object)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')}`
      : ''
  }`,
  name: name as string,
  request: { role: 'inspectie', scope: { from: '2024-01-01', to: '2024-12-31' }, params: params as Record<string, string> },
}));
export const REGIO = {
  label: 'flow (regio VR13, peer view)',
  name: 'flow',
  request: { role: 'regio', region: 'VR13', scope: { from: '2024-01-01', to: '2024-12-31' } } as MetricRequest,
};

export async function medianOf(runs: number, f: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await f(); // warm-up (a serving process has a warm JIT)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  return median(times);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Runs every request's library route `rounds` times, all requests in turn, before anything is
 * measured: a serving process answers all metrics and has a warm JIT for the code they share
 * (measured cold, the first metric measured paid for it: flow 2–3× its bare SQL, 1.3× warm).
 */
export async function warmUp(requests: readonly { name: string; request: MetricRequest }[], query: QueryFn, rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) for (const r of requests) await runMetric(r.name, r.request, query);
}

/** Medians of two alternatives run alternately, so both see the same machine load. */
export async function medianOfPair(runs: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
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

export function statements(s: { main: SqlStatement; links?: SqlStatement; stats?: SqlStatement }): SqlStatement[] {
  return [s.main, ...(s.links ? [s.links] : []), ...(s.stats ? [s.stats] : [])];
}

/**
 * The two contenders of a metric benchmark on one snapshot: the library's QueryFn (the
 * store's StatementPool and value conversion, as AnalyticReader) and the bare SQL (the same
 * statements through the same kind of pool — prepared once, as the best plain route would —
 * with results left as DuckDB returns them: materialized, not read into JS values).
 */
export function contenders(db: DuckDBInstance): { query: QueryFn; bareRun: (st: SqlStatement) => Promise<void> } {
  const libraryPool = new StatementPool(db);
  const barePool = new StatementPool(db);
  const query: QueryFn = async (sql, params) => plainRowObjects(await libraryPool.run(sql, params));
  const bareRun = async (st: SqlStatement) => {
    await barePool.run(st.text, st.params as SqlParam[]);
  };
  return { query, bareRun };
}
