/**
 * The analytic store (DuckDB) layout. The ETL builds these tables in every snapshot; the
 * metrics library queries the fact and aggregate tables, never `signals` / `assessments`.
 * Code columns of the derived tables are ENUMs of their code lists (CODE_COLUMN_LISTS).
 *
 * - `signals`, `assessments`: the current rows (after corrections: the row from the batch
 *   with the latest produced_at wins), typed, with the columns of SIGNALS_DDL /
 *   ASSESSMENTS_DDL. In a snapshot they are views over the fact tables (which carry every
 *   one of their columns), so the rows are stored once.
 * - `signal_facts`: one row per signal with the derived fields of METRICS.md ("Scope and
 *   derived fields"), computed once at ingest so every metric is a scan + group-by.
 * - `assessment_facts`: one row per assessment with its signal's scope columns, so
 *   assessment-level metrics (criteria_usage, criteria_coverage, integrality) filter on the
 *   signal's received_at / phenomenon / receiving_party / source without a join.
 * - `agg_*`: aggregate tables of signal_facts and assessment_facts (AGGREGATES), for the
 *   metrics that count rows by a few (possibly computed, COMPUTED_COLUMNS) columns.
 */
import { AGE_BANDS, BODIES, CRITERIA, ENRICHMENTS, FRAMEWORKS, OUTCOMES, PATHS, PHENOMENA, RECEIVING_PARTIES, REGION_CODES, SEVERITY_BANDS, SOURCES, STAGES } from './codes';

export const ANALYTIC_SCHEMA_VERSION = 13;

export const SIGNALS_DDL = `CREATE TABLE signals (
  signal_id VARCHAR NOT NULL,
  subject_pseudonym VARCHAR,
  region_code VARCHAR NOT NULL,
  municipality_code VARCHAR,
  received_at DATE NOT NULL,
  receiving_party VARCHAR NOT NULL,
  source VARCHAR NOT NULL,
  phenomenon VARCHAR NOT NULL,
  age_band VARCHAR,
  batch_id VARCHAR NOT NULL
)`;

export const ASSESSMENTS_DDL = `CREATE TABLE assessments (
  assessment_id VARCHAR NOT NULL,
  signal_id VARCHAR NOT NULL,
  region_code VARCHAR NOT NULL,
  stage VARCHAR NOT NULL,
  body VARCHAR NOT NULL,
  decided_at DATE NOT NULL,
  framework VARCHAR NOT NULL,
  c_geweld TINYINT,
  c_denkbeelden TINYINT,
  c_sociale_relaties TINYINT,
  c_identificatie TINYINT,
  c_zelfredzaamheid TINYINT,
  outcome VARCHAR NOT NULL,
  enrichment VARCHAR,
  present_gemeente BOOLEAN,
  present_politie BOOLEAN,
  present_om BOOLEAN,
  info_gemeente BOOLEAN,
  info_politie BOOLEAN,
  info_om BOOLEAN,
  unanimous BOOLEAN,
  analysis_recorded BOOLEAN NOT NULL,
  decision_recorded BOOLEAN NOT NULL,
  batch_id VARCHAR NOT NULL
)`;

const SEVERITY_BAND_CODES = SEVERITY_BANDS.map((b) => b.band);

/**
 * The code list of each derived column whose values come from one (CONTRACT.md; the ETL
 * refuses any other value): the fact and aggregate tables store these columns as an ENUM of
 * the list. An ENUM is a small integer with the list beside it, so filtering, grouping by and
 * reading out such columns costs a fraction of doing so with text (a code longer than 12
 * bytes is stored out of line). They compare with text and read out as text, so the metric
 * SQL and its results are the same as with VARCHAR columns; an ENUM's order is the list's,
 * which nothing relies on (the library sorts its rows itself). The `signals` and
 * `assessments` views give them back as VARCHAR, as the contract DDL has them.
 */
export const CODE_COLUMN_LISTS: Readonly<Record<string, readonly string[]>> = {
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
  age_band: AGE_BANDS,
  last_pre_outcome: OUTCOMES,
  last_pre_framework: FRAMEWORKS,
  last_pre_body: BODIES,
  last_pre_stage: STAGES,
  final_wp_outcome: OUTCOMES,
  final_wp_body: BODIES,
  lpw_outcome: OUTCOMES,
  lpw_body: BODIES,
  wp_band: SEVERITY_BAND_CODES,
  lpw_band: SEVERITY_BAND_CODES,
};

/** The ENUM type of a code column (CODE_COLUMN_LISTS). */
function codeEnum(column: string): string {
  const codes = CODE_COLUMN_LISTS[column];
  for (const c of codes) if (!/^[A-Za-z0-9_]+$/.test(c)) throw new Error(`CODE_COLUMN_LISTS: not a code: ${c}`);
  return `ENUM(${codes.map((c) => `'${c}'`).join(', ')})`;
}

/** `expr AS column`, as the ENUM of the column's code list where CODE_COLUMN_LISTS has one. */
function asCodeEnum(column: string, expr: string): string {
  if (!CODE_COLUMN_LISTS[column]) return expr === column ? column : `${expr} AS ${column}`;
  return `CAST(${expr} AS ${codeEnum(column)}) AS ${column}`;
}

/**
 * Derives signal_facts from `signals` and `assessments`. Ordering of a signal's
 * assessments: decided_at, then stage order, then assessment_id (METRICS.md), encoded in
 * one sortable key `ord` (a struct compares field by field). The latest assessment of each
 * kind is picked once as a struct of the fields needed (`arg_max` over a struct that is
 * never NULL, so a NULL severity is kept as NULL, like `arg_max_null`).
 *
 * Columns:
 * - scope: region_code, municipality_code, received_at, received_year, received_month
 *   (first day of month), receiving_party, source, phenomenon, age_band, subject_pseudonym
 * - has_pre: has a pre_weging or afstemmingsoverleg assessment
 * - last_pre_outcome / _framework / _body / _stage: the latest pre-assessment (the
 *   "dropping decision" when path = dropped)
 * - reached, first_wp_date, final_wp_outcome, final_wp_date, final_wp_body,
 *   final_wp_severity (sum of five scores of the latest weegploeg assessment; NULL unless
 *   all five are scored)
 * - decision_date: date of the latest weegploeg assessment whose outcome is not
 *   nadere_duiding (leadtime's second measure)
 * - days_to_first_wp, days_to_decision: integer days from received_at
 * - lpw_outcome / lpw_body / lpw_severity: the latest `pre_weging` assessment (for the
 *   pre-assessment part of outcome_divergence)
 * - path: direct | via_pre_weging | dropped | pending
 * - batch_id: the batch the signal's current row came from (so the snapshot's `signals`
 *   view can be served from this table)
 * - rk, subject_rk, subject_nrk: record keys (disclosure control v2, METRICS.md rule 3) of
 *   the signal, of its person within the region and of its person nationally (NULL without
 *   a pseudonym): integers 1..2^24−1 from the build's `record_key` macro (libs/store
 *   record-key.ts); never sent out, only summed into cell keys
 *
 * Rows are clustered by region and received_at (zone maps for the scope filters).
 */
export const SIGNAL_FACTS_SQL = `CREATE TABLE signal_facts AS
WITH a AS (
  SELECT region_code, signal_id, stage, body, framework, outcome, decided_at,
    {d: decided_at, s: CASE stage WHEN 'pre_weging' THEN 0 WHEN 'afstemmingsoverleg' THEN 1 ELSE 2 END::UTINYINT, i: assessment_id} AS ord,
    CASE WHEN c_geweld IS NOT NULL AND c_denkbeelden IS NOT NULL AND c_sociale_relaties IS NOT NULL
              AND c_identificatie IS NOT NULL AND c_zelfredzaamheid IS NOT NULL
         THEN CAST(c_geweld + c_denkbeelden + c_sociale_relaties + c_identificatie + c_zelfredzaamheid AS INTEGER)
    END AS severity
  FROM assessments
), agg AS (
  SELECT region_code, signal_id,
    count(*) FILTER (WHERE stage <> 'weegploeg') AS n_pre,
    arg_max({outcome: outcome, framework: framework, body: body, stage: stage}, ord) FILTER (WHERE stage <> 'weegploeg') AS lp,
    count(*) FILTER (WHERE stage = 'weegploeg') AS n_wp,
    min(decided_at) FILTER (WHERE stage = 'weegploeg') AS first_wp_date,
    arg_max({outcome: outcome, decided_at: decided_at, body: body, severity: severity}, ord) FILTER (WHERE stage = 'weegploeg') AS wp,
    max(decided_at) FILTER (WHERE stage = 'weegploeg' AND outcome <> 'nadere_duiding') AS decision_date,
    arg_max({outcome: outcome, body: body, severity: severity}, ord) FILTER (WHERE stage = 'pre_weging') AS pw
  FROM a GROUP BY region_code, signal_id
)
SELECT
  ${asCodeEnum('region_code', 's.region_code')}, s.signal_id, s.municipality_code, s.received_at,
  CAST(year(s.received_at) AS INTEGER) AS received_year,
  CAST(date_trunc('month', s.received_at) AS DATE) AS received_month,
  ${asCodeEnum('receiving_party', 's.receiving_party')}, ${asCodeEnum('source', 's.source')}, ${asCodeEnum('phenomenon', 's.phenomenon')}, ${asCodeEnum('age_band', 's.age_band')}, s.subject_pseudonym,
  coalesce(g.n_pre, 0) > 0 AS has_pre,
  ${asCodeEnum('last_pre_outcome', 'g.lp.outcome')}, ${asCodeEnum('last_pre_framework', 'g.lp.framework')}, ${asCodeEnum('last_pre_body', 'g.lp.body')}, ${asCodeEnum('last_pre_stage', 'g.lp.stage')},
  coalesce(g.n_wp, 0) > 0 AS reached,
  g.first_wp_date, ${asCodeEnum('final_wp_outcome', 'g.wp.outcome')}, g.wp.decided_at AS final_wp_date, ${asCodeEnum('final_wp_body', 'g.wp.body')},
  g.wp.severity AS final_wp_severity,
  g.decision_date,
  CAST(date_diff('day', s.received_at, g.first_wp_date) AS INTEGER) AS days_to_first_wp,
  CAST(date_diff('day', s.received_at, g.decision_date) AS INTEGER) AS days_to_decision,
  ${asCodeEnum('lpw_outcome', 'g.pw.outcome')}, ${asCodeEnum('lpw_body', 'g.pw.body')}, g.pw.severity AS lpw_severity,
  CAST(CASE
    WHEN coalesce(g.n_wp, 0) > 0 AND coalesce(g.n_pre, 0) = 0 THEN 'direct'
    WHEN coalesce(g.n_wp, 0) > 0 THEN 'via_pre_weging'
    WHEN g.lp.outcome IN ('niet_doorgezet', 'afgesloten_onvoldoende_info', 'doorverwezen') THEN 'dropped'
    ELSE 'pending'
  END AS ${codeEnum('path')}) AS path,
  s.batch_id,
  record_key('signal', s.region_code, s.signal_id) AS rk,
  CASE WHEN s.subject_pseudonym IS NOT NULL THEN record_key('person', s.region_code, s.subject_pseudonym) END AS subject_rk,
  CASE WHEN s.subject_pseudonym IS NOT NULL THEN record_key('person', '', s.subject_pseudonym) END AS subject_nrk
FROM signals s LEFT JOIN agg g ON g.region_code = s.region_code AND g.signal_id = s.signal_id
ORDER BY s.region_code, s.received_at`;

/**
 * One row per assessment (with its record key `rk`), with the scope columns of its signal (see module doc) and the
 * batch its current row came from (the snapshot's `assessments` view is served from here).
 */
export const ASSESSMENT_FACTS_SQL = `CREATE TABLE assessment_facts AS
SELECT ${asCodeEnum('region_code', 'a.region_code')}, a.assessment_id, a.signal_id, ${asCodeEnum('stage', 'a.stage')}, ${asCodeEnum('body', 'a.body')}, a.decided_at, ${asCodeEnum('framework', 'a.framework')},
  a.c_geweld, a.c_denkbeelden, a.c_sociale_relaties, a.c_identificatie, a.c_zelfredzaamheid,
  (a.c_geweld IS NOT NULL AND a.c_denkbeelden IS NOT NULL AND a.c_sociale_relaties IS NOT NULL
    AND a.c_identificatie IS NOT NULL AND a.c_zelfredzaamheid IS NOT NULL) AS all_scored,
  ${asCodeEnum('outcome', 'a.outcome')}, ${asCodeEnum('enrichment', 'a.enrichment')},
  a.present_gemeente, a.present_politie, a.present_om,
  a.info_gemeente, a.info_politie, a.info_om, a.unanimous,
  a.analysis_recorded, a.decision_recorded,
  s.received_at, CAST(year(s.received_at) AS INTEGER) AS received_year,
  ${asCodeEnum('receiving_party', 's.receiving_party')}, ${asCodeEnum('source', 's.source')}, ${asCodeEnum('phenomenon', 's.phenomenon')},
  a.batch_id,
  record_key('assessment', a.region_code, a.assessment_id) AS rk
FROM assessments a JOIN signals s ON s.region_code = a.region_code AND s.signal_id = a.signal_id
ORDER BY a.region_code, s.received_at`;

/** Key/value metadata of a snapshot (schema version, built_at, batch list hash, ...). */
export const META_DDL = `CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)`;

/**
 * The snapshot's `signals` and `assessments`: views over the fact tables with exactly the
 * columns of SIGNALS_DDL / ASSESSMENTS_DDL (names, order, types), for readers of the raw rows.
 */
export const RAW_VIEWS_SQL = [
  `CREATE VIEW signals AS SELECT ${ddlColumns(SIGNALS_DDL)} FROM signal_facts`,
  `CREATE VIEW assessments AS SELECT ${ddlColumns(ASSESSMENTS_DDL)} FROM assessment_facts`,
] as const;

/** The DDL's columns, a code column (an ENUM in the fact tables) cast back to the DDL's VARCHAR. */
function ddlColumns(ddl: string): string {
  return [...ddl.matchAll(/^\s+([a-z_]+) [A-Z]+/gm)].map((m) => (CODE_COLUMN_LISTS[m[1]] ? `CAST(${m[1]} AS VARCHAR) AS ${m[1]}` : m[1])).join(', ');
}

/**
 * An aggregate table of a fact table: its rows (signals or assessments) per region × month
 * of receipt (of the signal) × `dims`, with their count `n` and the sum `k` of their record
 * keys. Metric periods are whole months (METRICS.md disclosure rule 2), so its `received_at`
 * — the first day of the month — meets every period and calendar-bin condition exactly as
 * each row's own date does; and key sums add up, so a cell's key from here equals the key
 * summed over its rows. A metric that counts rows of a fact table reads the first aggregate
 * of that table whose dims hold every column it groups by, filters by or counts on
 * (libs/metrics sql.ts `factCounts`); otherwise it reads the fact table, as every metric does
 * that counts persons or takes quantiles.
 */
export interface AggregateTable {
  table: string;
  /** The fact table it counts the rows of (its record key `rk` summed into `k`). */
  from: 'signal_facts' | 'assessment_facts';
  /** Columns of the fact table, or of COMPUTED_COLUMNS of it (stored under that name). */
  dims: readonly string[];
}

/** `CASE` giving the SEVERITY_BANDS band of a severity column (NULL when it is NULL). */
function severityBand(column: string): string {
  const whens = SEVERITY_BANDS.map((b, i) => (i < SEVERITY_BANDS.length - 1 ? `WHEN ${column} <= ${b.max} THEN '${b.band}'` : `WHEN ${column} IS NOT NULL THEN '${b.band}'`));
  return `CASE ${whens.join(' ')} END`;
}

/**
 * Coarse columns an aggregate may group by that the fact table does not store: name ->
 * expression over the fact table's own columns. A metric refers to them by name through
 * `factCounts(...).col(name)` (libs/metrics sql.ts), which gives the stored column of an
 * aggregate or this expression on the fact table, so both read the same value.
 */
export const COMPUTED_COLUMNS: Readonly<Record<AggregateTable['from'], Readonly<Record<string, string>>>> = {
  // outcome_divergence: the severity band of the latest weegploeg and pre_weging assessment
  signal_facts: {
    wp_band: severityBand('final_wp_severity'),
    lpw_band: severityBand('lpw_severity'),
    // leadtime: whether the signal has a weegploeg decision (its days_to_decision is known)
    decided: '(decision_date IS NOT NULL)',
  },
  // criteria_coverage: whether each criterion is scored
  assessment_facts: Object.fromEntries(CRITERIA.map((c) => [`scored_${c}`, `(${c} IS NOT NULL)`])),
};

export const AGGREGATES: readonly AggregateTable[] = [
  // The narrowest first: a request reads the first one that holds its columns.
  // trend (by each scope code) and phenomenon_coverage without a code filter
  { table: 'agg_phenomenon', from: 'signal_facts', dims: ['phenomenon'] },
  { table: 'agg_source', from: 'signal_facts', dims: ['source'] },
  { table: 'agg_receiving_party', from: 'signal_facts', dims: ['receiving_party'] },
  // leadtime's counts without a code filter: signals that reached the weegploeg, and with a decision
  { table: 'agg_leadtime', from: 'signal_facts', dims: ['reached', 'decided'] },
  // flow's paths and final outcomes without a code filter
  { table: 'agg_flow', from: 'signal_facts', dims: ['path', 'final_wp_outcome'] },
  // trend, phenomenon_coverage and attention with code filters
  { table: 'agg_scope', from: 'signal_facts', dims: ['receiving_party', 'source', 'phenomenon'] },
  // flow's Sankey links (from source and receiving party through the pre-assessment to the outcome)
  { table: 'agg_links', from: 'signal_facts', dims: ['receiving_party', 'source', 'path', 'last_pre_outcome', 'final_wp_outcome'] },
  // dropoff, and flow with a receiving_party filter: paths and the decisions
  { table: 'agg_path', from: 'signal_facts', dims: ['receiving_party', 'path', 'has_pre', 'last_pre_outcome', 'last_pre_framework', 'final_wp_outcome'] },
  // criteria_usage without a code filter: assessments by stage, body and framework
  { table: 'agg_framework', from: 'assessment_facts', dims: ['stage', 'body', 'framework'] },
  // preweging_outcomes without a code filter: assessments by stage, body, outcome and enrichment
  { table: 'agg_outcomes', from: 'assessment_facts', dims: ['stage', 'body', 'outcome', 'enrichment'] },
  // reach without a code filter: signals per municipality (meldpunt or not)
  { table: 'agg_municipality', from: 'signal_facts', dims: ['municipality_code', 'received_year', 'source'] },
  // outcome_divergence without a code filter: signals by the latest weegploeg's and pre_weging's outcome, body and severity band
  { table: 'agg_divergence_wp', from: 'signal_facts', dims: ['reached', 'final_wp_outcome', 'final_wp_body', 'wp_band'] },
  { table: 'agg_divergence_pre', from: 'signal_facts', dims: ['lpw_outcome', 'lpw_body', 'lpw_band'] },
  // criteria_coverage without a code filter: assessments by stage and which criteria are scored
  { table: 'agg_criteria', from: 'assessment_facts', dims: ['stage', 'all_scored', ...CRITERIA.map((c) => `scored_${c}`)] },
  // leadtime's percentiles without a code filter: signals per whole number of days (a histogram per region × month)
  { table: 'agg_days_to_first_wp', from: 'signal_facts', dims: ['days_to_first_wp'] },
  { table: 'agg_days_to_decision', from: 'signal_facts', dims: ['days_to_decision'] },
  // integrality without a code filter: assessments by stage and the nine recorded flags
  {
    table: 'agg_integrality',
    from: 'assessment_facts',
    dims: ['stage', 'present_gemeente', 'present_politie', 'present_om', 'info_gemeente', 'info_politie', 'info_om', 'unanimous', 'analysis_recorded', 'decision_recorded'],
  },
];

function aggregateSql(a: AggregateTable): string {
  const computed = COMPUTED_COLUMNS[a.from];
  const dims = a.dims.join(', ');
  const selected = a.dims.map((d) => asCodeEnum(d, computed[d] ?? d)).join(', ');
  const month = a.from === 'signal_facts' ? 'received_month' : "CAST(date_trunc('month', received_at) AS DATE)";
  return `CREATE TABLE ${a.table} AS
SELECT ${asCodeEnum('region_code', 'region_code')}, ${month} AS received_at, ${selected},
  CAST(count(*) AS INTEGER) AS n, CAST(sum(rk) AS BIGINT) AS k
FROM ${a.from}
GROUP BY region_code, ${month}, ${dims}
ORDER BY region_code, received_at`;
}

/**
 * Every aggregate also per year: `<table>_y`, its rows per region × year (received_at the
 * first day of the year) × the same dims, summed from the monthly table. A request whose
 * calendar bins are all whole years reads it (libs/metrics sql.ts `factCounts`): its period
 * bounds are then whole years too, so each period condition and bin expression gives a row of
 * the yearly table the value it gives each of its signals. The whole span (the dashboard's
 * default) and any run of whole years read about a twelfth of the rows.
 */
export function yearlyTable(table: string): string {
  return `${table}_y`;
}

function aggregateYearlySql(a: AggregateTable): string {
  const dims = a.dims.join(', ');
  const year = "CAST(date_trunc('year', received_at) AS DATE)";
  return `CREATE TABLE ${yearlyTable(a.table)} AS
SELECT region_code, ${year} AS received_at, ${dims},
  CAST(sum(n) AS INTEGER) AS n, CAST(sum(k) AS BIGINT) AS k
FROM ${a.table}
GROUP BY region_code, ${year}, ${dims}
ORDER BY region_code, received_at`;
}

/** Aggregate tables: built from the fact tables (after them), then the yearly ones from the monthly ones; one row per region and more, never per record. */
export const AGGREGATE_TABLES_SQL: readonly string[] = [...AGGREGATES.map(aggregateSql), ...AGGREGATES.map(aggregateYearlySql)];

/** The aggregate tables, monthly then yearly. */
export const AGGREGATE_TABLE_NAMES: readonly string[] = [...AGGREGATES.map((a) => a.table), ...AGGREGATES.map((a) => yearlyTable(a.table))];

/** The tables of a snapshot that metrics read, in the order they are built. */
export const ANALYTIC_TABLES: readonly string[] = ['signal_facts', 'assessment_facts', ...AGGREGATE_TABLE_NAMES];

/** Statements that build the derived tables, in order, once signals/assessments are loaded. */
export const DERIVED_TABLES_SQL: readonly string[] = [SIGNAL_FACTS_SQL, ASSESSMENT_FACTS_SQL, ...AGGREGATE_TABLES_SQL];

/**
 * DERIVED_TABLES_SQL for `signals` / `assessments` that already carry their record keys as
 * columns (`rk`, `subject_rk`, `subject_nrk` / `rk`, the same values the `record_key` macro
 * gives): the ETL computes keys once per batch and reuses them in every later snapshot.
 */
export const DERIVED_TABLES_KEYED_SQL = DERIVED_TABLES_SQL.map((sql) => {
  const out = sql
    .replace("record_key('signal', s.region_code, s.signal_id) AS rk", 's.rk')
    .replace("CASE WHEN s.subject_pseudonym IS NOT NULL THEN record_key('person', s.region_code, s.subject_pseudonym) END AS subject_rk", 's.subject_rk')
    .replace("CASE WHEN s.subject_pseudonym IS NOT NULL THEN record_key('person', '', s.subject_pseudonym) END AS subject_nrk", 's.subject_nrk')
    .replace("record_key('assessment', a.region_code, a.assessment_id) AS rk", 'a.rk');
  if (out.includes('record_key(')) throw new Error('DERIVED_TABLES_KEYED_SQL: a record_key call was not replaced');
  return out;
});

/** A positional SQL parameter (`?` placeholders). Lists are expanded by the caller. */
export type SqlParam = string | number | boolean | null;
/**
 * Runs one parameterised query on the analytic store. Implementations convert values to
 * plain JS: BIGINT/HUGEINT/DECIMAL -> number, DATE -> 'YYYY-MM-DD', TIMESTAMP -> ISO
 * string, LIST -> array. The metrics library only ever receives one of these.
 */
export type QueryFn = (sql: string, params?: readonly SqlParam[]) => Promise<Record<string, unknown>[]>;
