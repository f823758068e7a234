/**
 * The analytic store (DuckDB) layout. The ETL builds these tables in every snapshot; the
 * metrics library queries only `signal_facts` and `assessment_facts`.
 *
 * - `signals`, `assessments`: the current rows (after corrections: the row from the batch
 *   with the latest produced_at wins), typed.
 * - `signal_facts`: one row per signal with the derived fields of METRICS.md ("Scope and
 *   derived fields"), computed once at ingest so every metric is a scan + group-by.
 * - `assessment_facts`: one row per assessment with its signal's scope columns, so
 *   assessment-level metrics (criteria_usage, criteria_coverage, integrality) filter on the
 *   signal's received_at / phenomenon / receiving_party / source without a join.
 */
export const ANALYTIC_SCHEMA_VERSION = 1;

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

/**
 * Derives signal_facts from `signals` and `assessments`. Ordering of a signal's
 * assessments: decided_at, then stage order, then assessment_id (METRICS.md), encoded in
 * one sortable key `ord`.
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
 */
export const SIGNAL_FACTS_SQL = `CREATE TABLE signal_facts AS
WITH a AS (
  SELECT region_code, signal_id, stage, body, framework, outcome, decided_at,
    strftime(decided_at, '%Y%m%d')
      || CASE stage WHEN 'pre_weging' THEN '0' WHEN 'afstemmingsoverleg' THEN '1' ELSE '2' END
      || assessment_id AS ord,
    CASE WHEN c_geweld IS NOT NULL AND c_denkbeelden IS NOT NULL AND c_sociale_relaties IS NOT NULL
              AND c_identificatie IS NOT NULL AND c_zelfredzaamheid IS NOT NULL
         THEN CAST(c_geweld + c_denkbeelden + c_sociale_relaties + c_identificatie + c_zelfredzaamheid AS INTEGER)
    END AS severity
  FROM assessments
), agg AS (
  SELECT region_code, signal_id,
    count(*) FILTER (WHERE stage <> 'weegploeg') AS n_pre,
    arg_max(outcome, ord) FILTER (WHERE stage <> 'weegploeg') AS last_pre_outcome,
    arg_max(framework, ord) FILTER (WHERE stage <> 'weegploeg') AS last_pre_framework,
    arg_max(body, ord) FILTER (WHERE stage <> 'weegploeg') AS last_pre_body,
    arg_max(stage, ord) FILTER (WHERE stage <> 'weegploeg') AS last_pre_stage,
    count(*) FILTER (WHERE stage = 'weegploeg') AS n_wp,
    min(decided_at) FILTER (WHERE stage = 'weegploeg') AS first_wp_date,
    arg_max(outcome, ord) FILTER (WHERE stage = 'weegploeg') AS final_wp_outcome,
    arg_max(decided_at, ord) FILTER (WHERE stage = 'weegploeg') AS final_wp_date,
    arg_max(body, ord) FILTER (WHERE stage = 'weegploeg') AS final_wp_body,
    arg_max_null(severity, ord) FILTER (WHERE stage = 'weegploeg') AS final_wp_severity,
    max(decided_at) FILTER (WHERE stage = 'weegploeg' AND outcome <> 'nadere_duiding') AS decision_date,
    arg_max(outcome, ord) FILTER (WHERE stage = 'pre_weging') AS lpw_outcome,
    arg_max(body, ord) FILTER (WHERE stage = 'pre_weging') AS lpw_body,
    arg_max_null(severity, ord) FILTER (WHERE stage = 'pre_weging') AS lpw_severity
  FROM a GROUP BY region_code, signal_id
)
SELECT
  s.region_code, s.signal_id, s.municipality_code, s.received_at,
  CAST(year(s.received_at) AS INTEGER) AS received_year,
  CAST(date_trunc('month', s.received_at) AS DATE) AS received_month,
  s.receiving_party, s.source, s.phenomenon, s.age_band, s.subject_pseudonym,
  coalesce(g.n_pre, 0) > 0 AS has_pre,
  g.last_pre_outcome, g.last_pre_framework, g.last_pre_body, g.last_pre_stage,
  coalesce(g.n_wp, 0) > 0 AS reached,
  g.first_wp_date, g.final_wp_outcome, g.final_wp_date, g.final_wp_body, g.final_wp_severity,
  g.decision_date,
  CAST(date_diff('day', s.received_at, g.first_wp_date) AS INTEGER) AS days_to_first_wp,
  CAST(date_diff('day', s.received_at, g.decision_date) AS INTEGER) AS days_to_decision,
  g.lpw_outcome, g.lpw_body, g.lpw_severity,
  CASE
    WHEN coalesce(g.n_wp, 0) > 0 AND coalesce(g.n_pre, 0) = 0 THEN 'direct'
    WHEN coalesce(g.n_wp, 0) > 0 THEN 'via_pre_weging'
    WHEN g.last_pre_outcome IN ('niet_doorgezet', 'afgesloten_onvoldoende_info', 'doorverwezen') THEN 'dropped'
    ELSE 'pending'
  END AS path
FROM signals s LEFT JOIN agg g ON g.region_code = s.region_code AND g.signal_id = s.signal_id
ORDER BY s.region_code, s.received_at`;

/** One row per assessment, with the scope columns of its signal (see module doc). */
export const ASSESSMENT_FACTS_SQL = `CREATE TABLE assessment_facts AS
SELECT a.region_code, a.assessment_id, a.signal_id, a.stage, a.body, a.decided_at, a.framework,
  a.c_geweld, a.c_denkbeelden, a.c_sociale_relaties, a.c_identificatie, a.c_zelfredzaamheid,
  (a.c_geweld IS NOT NULL AND a.c_denkbeelden IS NOT NULL AND a.c_sociale_relaties IS NOT NULL
    AND a.c_identificatie IS NOT NULL AND a.c_zelfredzaamheid IS NOT NULL) AS all_scored,
  a.outcome, a.enrichment,
  a.present_gemeente, a.present_politie, a.present_om,
  a.info_gemeente, a.info_politie, a.info_om, a.unanimous,
  a.analysis_recorded, a.decision_recorded,
  s.received_at, CAST(year(s.received_at) AS INTEGER) AS received_year,
  s.receiving_party, s.source, s.phenomenon
FROM assessments a JOIN signals s ON s.region_code = a.region_code AND s.signal_id = a.signal_id
ORDER BY a.region_code, s.received_at`;

/** Key/value metadata of a snapshot (schema version, built_at, batch list hash, ...). */
export const META_DDL = `CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)`;

/** Statements that build the derived tables, in order, once signals/assessments are loaded. */
export const DERIVED_TABLES_SQL = [SIGNAL_FACTS_SQL, ASSESSMENT_FACTS_SQL] as const;

/** A positional SQL parameter (`?` placeholders). Lists are expanded by the caller. */
export type SqlParam = string | number | boolean | null;
/**
 * Runs one parameterised query on the analytic store. Implementations convert values to
 * plain JS: BIGINT/HUGEINT/DECIMAL -> number, DATE -> 'YYYY-MM-DD', TIMESTAMP -> ISO
 * string, LIST -> array. The metrics library only ever receives one of these.
 */
export type QueryFn = (sql: string, params?: readonly SqlParam[]) => Promise<Record<string, unknown>[]>;
