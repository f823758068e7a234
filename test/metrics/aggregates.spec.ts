/**
 * Aggregate tables (libs/contract AGGREGATES): a metric that counts signals or assessments
 * reads an aggregate when it holds every column the request groups, filters or counts on,
 * else the fact table. Here every
 * statement that reads an aggregate is run a second way — the same query rewritten to count
 * and key-sum the rows of its fact table one by one — on demo data over three years, for every metric,
 * parameter value and a set of scopes (periods over month, quarter and year bins, regions, each
 * code filter). Counts and key sums must be equal cell for cell; and the choice of table is
 * checked for the cases that must fall back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AGE_BANDS,
  AGGREGATE_TABLE_NAMES,
  AGGREGATES,
  BODIES,
  CRITERIA,
  ENRICHMENTS,
  FRAMEWORKS,
  OUTCOMES,
  PATHS,
  PHENOMENA,
  RECEIVING_PARTIES,
  REGION_CODES,
  SOURCES,
  STAGES,
  yearlyTable,
} from '@weegwijzer/contract';
import { findMetric, generatedSql, METRICS, paramCombinations, resolveContext, type MetricRequest } from '@weegwijzer/metrics';
import { demoDb, type DemoDb } from '../disclosure/demo-db';

let db: DemoDb;
beforeAll(async () => {
  db = await demoDb({ seed: 11, scale: 0.1, years: 3, endYear: 2025 });
}, 120_000);
afterAll(() => db?.close());

const SCOPES: Record<string, string | string[]>[] = [
  {},
  { from: '2024-01-01', to: '2024-12-31' },
  { from: '2023-11-01', to: '2025-02-28', regions: ['VR01', 'VR13', 'VR25'] },
  { from: '2024-03-01', to: '2024-03-31' },
  { from: '2023-01-01', to: '2024-12-31', regions: ['VR05'] },
  { phenomenon: PHENOMENA[0] },
  { receiving_party: RECEIVING_PARTIES[0], from: '2024-01-01', to: '2024-09-30' },
  { source: SOURCES[1] },
];

/** Every aggregate table, monthly and yearly. */
const TABLES = AGGREGATE_TABLE_NAMES;

/** The statement's table (the first one after FROM that is a table, not a subquery). */
function tableOf(sql: string): string {
  return /\bFROM (\w+)/.exec(sql)![1];
}

/**
 * The computed columns an aggregate stores, written out here on the fact table's columns
 * (from METRICS.md: severity bands 0–3, 4–6, 7–10; a criterion is scored when it has a score).
 */
const COMPUTED: Record<string, Record<string, string>> = {
  signal_facts: {
    ...Object.fromEntries(
      (['wp_band', 'lpw_band'] as const).map((name) => {
        const sev = name === 'wp_band' ? 'final_wp_severity' : 'lpw_severity';
        return [name, `CASE WHEN ${sev} BETWEEN 0 AND 3 THEN 'low' WHEN ${sev} BETWEEN 4 AND 6 THEN 'mid' WHEN ${sev} BETWEEN 7 AND 10 THEN 'high' END`];
      }),
    ),
    // a weegploeg decision: a lead time to the decision exists
    decided: 'days_to_decision IS NOT NULL',
  },
  assessment_facts: Object.fromEntries(CRITERIA.map((c) => [`scored_${c}`, `${c} IS NOT NULL`])),
};

/** The fact table of an aggregate, as a subquery that adds the computed columns the aggregate has. */
function factsOf(table: string): string {
  const a = AGGREGATES.find((x) => x.table === table || yearlyTable(x.table) === table)!;
  const computed = a.dims.filter((d) => COMPUTED[a.from][d]);
  if (computed.length === 0) return a.from;
  return `(SELECT *, ${computed.map((d) => `${COMPUTED[a.from][d]} AS ${d}`).join(', ')} FROM ${a.from}) AS facts`;
}

/**
 * The same statement over the fact table: each row counted (1) with its record key `rk`,
 * instead of summing `n` and `k`. A statement that reads an aggregate's rows as they are
 * (`n AS x, CAST(k AS DOUBLE) AS x__k`, no GROUP BY: the request's cells are the table's rows)
 * becomes a count grouped by every other item it selects.
 */
function overFacts(sql: string): string {
  const plain = /\bn AS (\w+), CAST\(k AS DOUBLE\) AS (\w+)__k/;
  if (plain.test(sql)) expect(sql).not.toMatch(/GROUP BY/);
  const out = (plain.test(sql) ? `${sql.replace(new RegExp(plain.source, 'g'), 'count(*) AS $1, CAST(sum(rk) AS DOUBLE) AS $2__k')}\nGROUP BY ALL` : sql)
    .replace(new RegExp(`\\bFROM (${TABLES.join('|')})\\b`, 'g'), (_, t: string) => `FROM ${factsOf(t)}`)
    .replace(/CAST\(sum\(n\) AS INTEGER\) AS (\w+), CAST\(sum\(k\) AS DOUBLE\) AS (\w+)__k/g, 'count(*) AS $1, CAST(sum(rk) AS DOUBLE) AS $2__k')
    // a count without its key sum (leadtime's day histograms)
    .replace(/CAST\(sum\(n\) AS INTEGER\) AS (\w+)/g, 'count(*) AS $1')
    .replace(/ THEN n ELSE 0 END/g, ' THEN 1 ELSE 0 END')
    .replace(/ THEN k ELSE 0 END/g, ' THEN rk ELSE 0 END');
  expect(out).not.toMatch(/sum\(n\)|sum\(k\)|THEN [nk] |\bn AS|\(k AS/);
  return out;
}

const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))).sort();

describe('aggregate tables', () => {
  it('give every cell the count and key sum of the fact rows, for every metric, parameter and scope', async () => {
    let compared = 0;
    let cells = 0;
    const read = new Set<string>();
    // statements that read an aggregate's rows as they are (no GROUP BY)
    const asTheyAre = new Set<string>();
    for (const def of METRICS) {
      for (const params of paramCombinations(def)) {
        for (const scope of SCOPES.filter((sc) => Object.keys(sc).every((f) => f === 'regions' || (def.filters as readonly string[]).includes(f)))) {
          const request = { role: 'inspectie', scope, params } as MetricRequest;
          const s = generatedSql(def.name, request);
          for (const st of [s.main, ...(s.links ? [s.links] : []), ...(s.stats ? [s.stats] : [])]) {
            const tables = [...st.text.matchAll(/\bFROM (\w+)/g)].map((m) => m[1]).filter((t) => TABLES.includes(t));
            if (tables.length === 0) continue;
            for (const table of tables) read.add(`${def.name}:${table}`);
            if (!/GROUP BY/.test(st.text)) asTheyAre.add(`${def.name}:${tableOf(st.text)}`);
            const fromAggregate = await db.query(st.text, st.params);
            const fromFacts = await db.query(overFacts(st.text), st.params);
            expect(fromAggregate.length).toBeGreaterThan(0);
            expect(sorted(fromAggregate), `${def.name} ${JSON.stringify(params)} ${JSON.stringify(scope)}`).toEqual(sorted(fromFacts));
            compared += 1;
            cells += fromAggregate.length;
          }
        }
      }
    }
    // Not vacuous: each aggregate is read, by the metrics it was made for.
    expect([...read].sort()).toEqual(
      expect.arrayContaining([
        'attention:agg_scope',
        'criteria_coverage:agg_criteria',
        'criteria_usage:agg_framework',
        'dropoff:agg_path',
        'flow:agg_flow',
        'flow:agg_flow_y',
        'leadtime:agg_days_to_first_wp_y',
        'reach:agg_municipality_y',
        'flow:agg_links',
        'integrality:agg_integrality',
        'leadtime:agg_days_to_decision',
        'leadtime:agg_days_to_first_wp',
        'leadtime:agg_leadtime',
        'outcome_divergence:agg_divergence_pre',
        'outcome_divergence:agg_divergence_wp',
        'phenomenon_coverage:agg_phenomenon',
        'preweging_outcomes:agg_outcomes',
        'reach:agg_municipality',
        'phenomenon_coverage:agg_scope',
        'trend:agg_phenomenon',
        'trend:agg_receiving_party',
        'trend:agg_scope',
        'trend:agg_source',
      ]),
    );
    // The rows as they are where the cells are the table's rows (months on the monthly table, years on the yearly one).
    expect([...asTheyAre].sort()).toEqual(
      expect.arrayContaining([
        'flow:agg_flow_y',
        'phenomenon_coverage:agg_phenomenon_y',
        'preweging_outcomes:agg_outcomes_y',
        'trend:agg_phenomenon',
        'trend:agg_source',
        'trend:agg_receiving_party',
      ]),
    );
    // Every aggregate is read by some request.
    expect(new Set([...read].map((r) => r.split(':')[1]))).toEqual(new Set(TABLES));
    expect(compared).toBeGreaterThan(40);
    expect(cells).toBeGreaterThan(1000);
  }, 300_000);

  it("leadtime's percentiles from the day histograms equal quantile_cont over the signals", async () => {
    let compared = 0;
    for (const scope of SCOPES.filter((sc) => !sc.phenomenon && !sc.receiving_party && !sc.source)) {
      const s = generatedSql('leadtime', { role: 'inspectie', scope, params: {} } as MetricRequest).stats!;
      expect(tableOf(s.text)).toMatch(/^agg_days_to_first_wp(_y)?$/);
      const period: string[] = [];
      const params: string[] = [];
      // (regions= only selects the rows sent: every region and the nation are computed)
      if (scope.from) {
        period.push('received_at >= CAST(? AS DATE)', 'received_at <= CAST(? AS DATE)');
        params.push(scope.from as string, scope.to as string);
      }
      const plain = await db.query(
        `SELECT region_code, quantile_cont(days_to_first_wp, 0.5) AS m1, quantile_cont(days_to_first_wp, 0.9) AS p1,
           quantile_cont(days_to_decision, 0.5) AS m2, quantile_cont(days_to_decision, 0.9) AS p2
         FROM signal_facts WHERE ${period.length ? period.join(' AND ') : 'TRUE'} GROUP BY GROUPING SETS ((region_code), ())`,
        params,
      );
      // the statement returns the day histograms; the definition turns them into percentiles
      const leadtime = findMetric('leadtime');
      const ctx = resolveContext(leadtime, { role: 'inspectie', scope, params: {} } as MetricRequest);
      const got = new Map(leadtime.statsRows!(await db.query(s.text, s.params), ctx).map((r) => [String(r.region_code), r]));
      for (const r of plain) {
        if (r.m1 === null && r.m2 === null) continue;
        const g = got.get(String(r.region_code))!;
        for (const [mine, theirs] of [
          ['median_days_to_first_wp', 'm1'],
          ['p90_days_to_first_wp', 'p1'],
          ['median_days_to_decision', 'm2'],
          ['p90_days_to_decision', 'p2'],
        ]) {
          expect(g[mine] as number, `${JSON.stringify(scope)} ${String(r.region_code)} ${mine}`).toBeCloseTo(r[theirs] as number, 9);
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('store each code column as an ENUM of its contract code list (as the fact tables do), and every other column as the fact table does', async () => {
    // written out here from CONTRACT.md's code lists (the severity bands of METRICS.md §6)
    const lists: Record<string, readonly string[]> = {
      region_code: REGION_CODES,
      phenomenon: PHENOMENA,
      source: SOURCES,
      receiving_party: RECEIVING_PARTIES,
      path: PATHS,
      stage: STAGES,
      body: BODIES,
      framework: FRAMEWORKS,
      outcome: OUTCOMES,
      enrichment: ENRICHMENTS,
      last_pre_outcome: OUTCOMES,
      last_pre_framework: FRAMEWORKS,
      final_wp_outcome: OUTCOMES,
      final_wp_body: BODIES,
      lpw_outcome: OUTCOMES,
      lpw_body: BODIES,
      wp_band: ['low', 'mid', 'high'],
      lpw_band: ['low', 'mid', 'high'],
      age_band: AGE_BANDS,
      last_pre_body: BODIES,
      last_pre_stage: STAGES,
    };
    const enumOf = (list: readonly string[]) => `ENUM(${list.map((v) => `'${v}'`).join(', ')})`;
    // the fact tables: every code column an ENUM, nothing else
    for (const table of ['signal_facts', 'assessment_facts']) {
      const described = (await db.query(`SELECT column_name, column_type FROM (DESCRIBE ${table})`)) as { column_name: string; column_type: string }[];
      for (const c of described) {
        if (lists[c.column_name]) expect(c.column_type, `${table}.${c.column_name}`).toBe(enumOf(lists[c.column_name]));
        else expect(c.column_type, `${table}.${c.column_name}`).not.toMatch(/^ENUM/);
      }
      expect(described.filter((c) => c.column_type.startsWith('ENUM')).length).toBeGreaterThanOrEqual(table === 'signal_facts' ? 14 : 8);
    }
    let enums = 0;
    for (const table of TABLES) {
      const a = AGGREGATES.find((x) => x.table === table || yearlyTable(x.table) === table)!;
      const described = (await db.query(`SELECT column_name, column_type FROM (DESCRIBE ${table})`)) as { column_name: string; column_type: string }[];
      const facts = new Map(
        ((await db.query(`SELECT column_name, column_type FROM (DESCRIBE ${a.from})`)) as { column_name: string; column_type: string }[]).map((c) => [
          c.column_name,
          c.column_type,
        ]),
      );
      for (const c of described) {
        const list = lists[c.column_name];
        if (list) {
          expect(c.column_type, `${table}.${c.column_name}`).toBe(enumOf(list));
          enums++;
        } else if (facts.has(c.column_name) && c.column_name !== 'received_at') {
          expect(c.column_type, `${table}.${c.column_name}`).toBe(facts.get(c.column_name));
        } else expect(c.column_type, `${table}.${c.column_name}`).not.toMatch(/^ENUM/);
      }
    }
    expect(enums).toBeGreaterThan(TABLES.length);
    // a code column reads out as text, and compares with text (a filter or a code literal)
    expect(await db.query(`SELECT DISTINCT phenomenon FROM agg_phenomenon_y WHERE phenomenon = ? AND region_code IN ('VR01', 'VR13')`, [PHENOMENA[0]])).toEqual([
      { phenomenon: PHENOMENA[0] },
    ]);
  });

  it('fall back to signal_facts where the request needs a column the aggregate lacks', () => {
    const table = (name: string, scope: Record<string, string>, params: Record<string, string> = {}) =>
      tableOf(generatedSql(name, { role: 'inspectie', scope, params } as MetricRequest).main.text);
    // whole years (the whole span too) read the yearly table; other periods, and months, the monthly one
    expect(table('dropoff', {})).toBe('agg_path_y');
    expect(table('dropoff', { from: '2023-01-01', to: '2024-12-31' })).toBe('agg_path_y');
    expect(table('dropoff', { from: '2023-01-01', to: '2024-11-30' })).toBe('agg_path');
    expect(table('dropoff', { from: '2024-04-01' })).toBe('agg_path');
    expect(table('trend', {}, { by: 'source', grain: 'year' })).toBe('agg_source_y');
    expect(table('trend', {}, { by: 'source', grain: 'quarter' })).toBe('agg_source');
    expect(table('attention', {})).toBe('agg_scope');
    expect(table('trend', {}, { by: 'source' })).toBe('agg_source');
    expect(table('trend', { source: SOURCES[0] }, { by: 'source' })).toBe('agg_source');
    expect(table('trend', { source: SOURCES[0] }, { by: 'receiving_party' })).toBe('agg_scope');
    expect(table('flow', {})).toBe('agg_flow_y');
    expect(tableOf(generatedSql('flow', { role: 'inspectie', scope: {}, params: {} } as MetricRequest).links!.text)).toBe('agg_links_y');
    expect(tableOf(generatedSql('flow', { role: 'inspectie', scope: { phenomenon: PHENOMENA[0] }, params: {} } as MetricRequest).links!.text)).toBe('signal_facts');
    expect(table('flow', { receiving_party: RECEIVING_PARTIES[0] })).toBe('agg_links_y');
    expect(table('flow', { phenomenon: PHENOMENA[0] })).toBe('signal_facts');
    expect(table('dropoff', {}, { by: 'receiving_party' })).toBe('agg_path_y');
    expect(table('dropoff', { source: SOURCES[0] })).toBe('signal_facts');
    expect(table('reach', {})).toBe('agg_municipality_y');
    expect(table('reach', { phenomenon: PHENOMENA[0] })).toBe('signal_facts');
    // leadtime: the counts from agg_leadtime, the percentiles from histograms of whole days; both from the facts under a code filter
    expect(table('leadtime', {})).toBe('agg_leadtime_y');
    expect(table('leadtime', { phenomenon: PHENOMENA[0] })).toBe('signal_facts');
    expect(tableOf(generatedSql('leadtime', { role: 'inspectie', scope: {}, params: {} } as MetricRequest).stats!.text)).toBe('agg_days_to_first_wp_y');
    expect(tableOf(generatedSql('leadtime', { role: 'inspectie', scope: { source: SOURCES[0] }, params: {} } as MetricRequest).stats!.text)).toBe('signal_facts');
    expect(table('criteria_usage', {})).toBe('agg_framework_y');
    expect(table('criteria_usage', { source: SOURCES[0] })).toBe('assessment_facts');
    expect(table('integrality', {})).toBe('agg_integrality_y');
    expect(table('integrality', { phenomenon: PHENOMENA[0] })).toBe('assessment_facts');
    expect(table('criteria_coverage', {})).toBe('agg_criteria_y');
    expect(table('criteria_coverage', { receiving_party: RECEIVING_PARTIES[0] })).toBe('assessment_facts');
    expect(table('outcome_divergence', {}, { stage: 'weegploeg', by: 'region_body' })).toBe('agg_divergence_wp_y');
    expect(table('outcome_divergence', {}, { stage: 'pre_weging', by: 'region' })).toBe('agg_divergence_pre_y');
    expect(table('outcome_divergence', { phenomenon: PHENOMENA[0] }, { stage: 'weegploeg', by: 'region' })).toBe('signal_facts');
  });
});
