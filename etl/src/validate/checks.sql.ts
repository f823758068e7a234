/**
 * The row-level rules of contract v1 as one SQL expression per column, generated from the
 * column schemas in libs/contract (the single source of truth). Each expression yields a
 * rule code or NULL; one pass over a staging table evaluates every column of every row.
 */
import {
  BODIES_BY_STAGE,
  FALSE_VALUES,
  OUTCOMES_BY_STAGE,
  STAGES,
  TRUE_VALUES,
  type ColumnSpec,
  type FileKind,
} from '@weegwijzer/contract';
import { quoteIdent, quoteLiteral, sqlList } from './sql';

export interface RuleContext {
  /** The manifest's region when valid (region_code must equal it). */
  region: string | null;
  /** The manifest period when valid. */
  period: { from: string; to: string } | null;
  /** Today (YYYY-MM-DD, Europe/Amsterdam): no date may lie after it. */
  today: string;
}

const BOOL_VALUES = [...TRUE_VALUES, ...FALSE_VALUES];

/** Anchored contract regexes ('^...$') as DuckDB full-match patterns. */
function fullPattern(pattern: string): string {
  return pattern.replace(/^\^/, '').replace(/\$$/, '');
}

function stageMatrix(column: string, byStage: Record<string, readonly string[]>): string {
  return STAGES.map((s) => `(stage = ${quoteLiteral(s)} AND ${column} IN (${sqlList(byStage[s])}))`).join(' OR ');
}

export function columnRuleSql(kind: FileKind, spec: ColumnSpec, ctx: RuleContext): string {
  const v = quoteIdent(spec.name);
  const missing =
    spec.required === 'yes'
      ? `'REQUIRED'`
      : spec.required === 'weegploeg'
        ? `CASE WHEN stage = 'weegploeg' THEN 'REQUIRED_FOR_WEEGPLOEG' END`
        : 'NULL';
  const invalid = (fallback: string) => `coalesce(ww_guard_any(${v}), ${fallback})`;
  switch (spec.type) {
    case 'pseudonym':
      return `CASE WHEN ${v} IS NULL THEN ${missing}
        WHEN regexp_full_match(${v}, ${quoteLiteral(fullPattern(spec.pattern!))}) THEN ww_guard_pseudonym(${v})
        ELSE coalesce(ww_guard_any(${v}), ww_pseudonym_shape(${v}), 'PSEUDONYM_INVALID') END`;
    case 'string':
      return `CASE WHEN ${v} IS NULL THEN ${missing}
        WHEN regexp_full_match(${v}, ${quoteLiteral(fullPattern(spec.pattern!))}) THEN NULL
        ELSE ${invalid(`'PATTERN'`)} END`;
    case 'code': {
      let consistent = 'NULL';
      if (spec.name === 'region_code' && ctx.region) consistent = `CASE WHEN ${v} <> ${quoteLiteral(ctx.region)} THEN 'REGION_MISMATCH' END`;
      if (kind === 'assessments' && spec.name === 'body')
        consistent = `CASE WHEN stage IN (${sqlList(STAGES)}) AND NOT (${stageMatrix(v, BODIES_BY_STAGE)}) THEN 'BODY_STAGE_MISMATCH' END`;
      if (kind === 'assessments' && spec.name === 'outcome')
        consistent = `CASE WHEN stage IN (${sqlList(STAGES)}) AND NOT (${stageMatrix(v, OUTCOMES_BY_STAGE)}) THEN 'OUTCOME_STAGE_MISMATCH' END`;
      if (kind === 'assessments' && spec.name === 'enrichment')
        consistent = `CASE WHEN NOT (stage = 'pre_weging' AND body = 'politie') THEN 'ENRICHMENT_NOT_ALLOWED' END`;
      return `CASE WHEN ${v} IS NULL THEN ${missing}
        WHEN ${v} IN (${sqlList(spec.codes!)}) THEN ${consistent}
        ELSE ${invalid(`'CODE_UNKNOWN'`)} END`;
    }
    case 'date': {
      const d = `try_cast(${v} AS DATE)`;
      const period =
        kind === 'signals' && spec.name === 'received_at' && ctx.period
          ? `WHEN ${d} NOT BETWEEN DATE ${quoteLiteral(ctx.period.from)} AND DATE ${quoteLiteral(ctx.period.to)} THEN 'DATE_OUTSIDE_PERIOD'`
          : '';
      return `CASE WHEN ${v} IS NULL THEN ${missing}
        WHEN NOT regexp_full_match(${v}, '[0-9]{4}-[0-9]{2}-[0-9]{2}') OR ${d} IS NULL THEN ${invalid(`'TYPE_DATE'`)}
        WHEN ${d} > DATE ${quoteLiteral(ctx.today)} THEN 'DATE_IN_FUTURE'
        ${period} END`;
    }
    case 'int': {
      const allowed: string[] = [];
      for (let i = spec.min ?? 0; i <= (spec.max ?? 0); i++) allowed.push(String(i));
      return `CASE WHEN ${v} IS NULL THEN ${missing}
        WHEN ${v} IN (${sqlList(allowed)}) THEN NULL
        ELSE ${invalid(`CASE WHEN regexp_full_match(${v}, '[+-]?[0-9]+') THEN 'RANGE' ELSE 'TYPE_INT' END`)} END`;
    }
    case 'bool':
      return `CASE WHEN ${v} IS NULL THEN ${missing}
        WHEN lower(${v}) IN (${sqlList(BOOL_VALUES)}) THEN NULL
        ELSE ${invalid(`'TYPE_BOOL'`)} END`;
  }
}

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
