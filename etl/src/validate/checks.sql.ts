/**
 * The row-level rules of contract v1 as SQL, generated from the column schemas in
 * libs/contract (the single source of truth).
 *
 * `baseRuleSql` is one CASE per column yielding NULL (fine), a rule code, or `?<rule>`
 * for a value that breaks the column's form and still has to go through the personal-data
 * guard (which then names the more specific rule, e.g. PII_BSN instead of CODE_UNKNOWN).
 * The guard macros are costly to plan, so they are applied once per query to a column of
 * collected values, never once per contract column; pseudonym-shaped values (which can
 * still be a BSN, phone number, IBAN, postcode or date) go through `ww_guard_pseudonym`.
 */
import { BODIES_BY_STAGE, FALSE_VALUES, OUTCOMES_BY_STAGE, STAGES, TRUE_VALUES, type ColumnSpec, type FileKind } from '@weegwijzer/contract';
import { quoteIdent, quoteLiteral, sqlList } from './sql';

export interface RuleContext {
  /** The manifest's region when valid (region_code must equal it). */
  region: string | null;
  /** The manifest period when valid. */
  period: { from: string; to: string } | null;
  /** Today (YYYY-MM-DD, Europe/Amsterdam): no date may lie after it. */
  today: string;
}

/** Marks a base-rule result that must still be classified by the guard. */
export const NEEDS_GUARD = '?';

const BOOL_VALUES = [...TRUE_VALUES, ...FALSE_VALUES];

/** Anchored contract regexes ('^...$') as DuckDB full-match patterns. */
export function fullPattern(pattern: string): string {
  return pattern.replace(/^\^/, '').replace(/\$$/, '');
}

function stageMatrix(column: string, byStage: Record<string, readonly string[]>): string {
  return STAGES.map((s) => `(stage = ${quoteLiteral(s)} AND ${column} IN (${sqlList(byStage[s])}))`).join(' OR ');
}

export function baseRuleSql(kind: FileKind, spec: ColumnSpec, ctx: RuleContext): string {
  const v = quoteIdent(spec.name);
  const missing = spec.required === 'yes' ? `'REQUIRED'` : spec.required === 'weegploeg' ? `CASE WHEN stage = 'weegploeg' THEN 'REQUIRED_FOR_WEEGPLOEG' END` : 'NULL';
  const guard = (rule: string) => `'${NEEDS_GUARD}${rule}'`;
  switch (spec.type) {
    case 'pseudonym':
      return `CASE WHEN ${v} IS NULL THEN ${missing}
        WHEN NOT regexp_full_match(${v}, ${quoteLiteral(fullPattern(spec.pattern!))}) THEN ${guard('PSEUDONYM_INVALID')} END`;
    case 'string':
      return `CASE WHEN ${v} IS NULL THEN ${missing}
        WHEN NOT regexp_full_match(${v}, ${quoteLiteral(fullPattern(spec.pattern!))}) THEN ${guard('PATTERN')} END`;
    case 'code': {
      let consistent = 'NULL';
      if (spec.name === 'region_code' && ctx.region) consistent = `CASE WHEN ${v} <> ${quoteLiteral(ctx.region)} THEN 'REGION_MISMATCH' END`;
      if (kind === 'assessments' && spec.name === 'body')
        consistent = `CASE WHEN stage IN (${sqlList(STAGES)}) AND NOT (${stageMatrix(v, BODIES_BY_STAGE)}) THEN 'BODY_STAGE_MISMATCH' END`;
      if (kind === 'assessments' && spec.name === 'outcome')
        consistent = `CASE WHEN stage IN (${sqlList(STAGES)}) AND NOT (${stageMatrix(v, OUTCOMES_BY_STAGE)}) THEN 'OUTCOME_STAGE_MISMATCH' END`;
      if (kind === 'assessments' && spec.name === 'enrichment') consistent = `CASE WHEN NOT (stage = 'pre_weging' AND body = 'politie') THEN 'ENRICHMENT_NOT_ALLOWED' END`;
      return `CASE WHEN ${v} IS NULL THEN ${missing}
        WHEN ${v} IN (${sqlList(spec.codes!)}) THEN ${consistent}
        ELSE ${guard('CODE_UNKNOWN')} END`;
    }
    case 'date': {
      const d = `try_cast(${v} AS DATE)`;
      const period =
        kind === 'signals' && spec.name === 'received_at' && ctx.period
          ? `WHEN ${d} NOT BETWEEN DATE ${quoteLiteral(ctx.period.from)} AND DATE ${quoteLiteral(ctx.period.to)} THEN 'DATE_OUTSIDE_PERIOD'`
          : '';
      return `CASE WHEN ${v} IS NULL THEN ${missing}
        WHEN NOT regexp_full_match(${v}, '[0-9]{4}-[0-9]{2}-[0-9]{2}') OR ${d} IS NULL THEN ${guard('TYPE_DATE')}
        WHEN ${d} > DATE ${quoteLiteral(ctx.today)} THEN 'DATE_IN_FUTURE'
        ${period} END`;
    }
    case 'int': {
      const allowed: string[] = [];
      for (let i = spec.min ?? 0; i <= (spec.max ?? 0); i++) allowed.push(String(i));
      return `CASE WHEN ${v} IS NULL THEN ${missing}
        WHEN ${v} IN (${sqlList(allowed)}) THEN NULL
        WHEN regexp_full_match(${v}, '[+-]?[0-9]{1,4}') THEN 'RANGE'
        WHEN regexp_full_match(${v}, '[+-]?[0-9]+') THEN ${guard('RANGE')}
        ELSE ${guard('TYPE_INT')} END`;
    }
    case 'bool':
      return `CASE WHEN ${v} IS NULL THEN ${missing}
        WHEN lower(${v}) IN (${sqlList(BOOL_VALUES)}) THEN NULL
        ELSE ${guard('TYPE_BOOL')} END`;
  }
}

/**
 * The final rule for a collected (value, base rule) pair: the guard's rule when it
 * recognises personal data, else the base rule. `value`, `rule` and `is_pseudonym` are
 * column names of the relation it is applied to.
 */
export const GUARDED_RULE_SQL = `CASE
  WHEN rule IS NULL THEN ww_guard_pseudonym(value)
  WHEN starts_with(rule, '${NEEDS_GUARD}') THEN coalesce(ww_guard_any(value), CASE WHEN is_pseudonym THEN ww_pseudonym_shape(value) END, substr(rule, 2))
  ELSE rule END`;

/** The typed value of a column for loading; `lenient` (try_cast) while rows may still be invalid. */
export function typedColumnSql(spec: ColumnSpec, lenient = false): string {
  const v = quoteIdent(spec.name);
  const cast = lenient ? 'try_cast' : 'CAST';
  switch (spec.type) {
    case 'date':
      return `${cast}(${v} AS DATE) AS ${v}`;
    case 'int':
      return `${cast}(${v} AS TINYINT) AS ${v}`;
    case 'bool':
      return `CASE WHEN ${v} IS NULL THEN NULL ELSE lower(${v}) IN (${sqlList(TRUE_VALUES)}) END AS ${v}`;
    default:
      return v;
  }
}
