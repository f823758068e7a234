/**
 * Building parameterised SQL. User input only ever enters as a `?` parameter; lists are
 * expanded to `?, ?, ?`. Identifiers and code literals come from the definitions and the
 * contract code lists, never from a request.
 */
import { AGGREGATES, COMPUTED_COLUMNS, yearlyTable, type AggregateTable, type SqlParam } from '@weegwijzer/contract';
import type { DialectName, MetricContext, SqlStatement } from './types';

export class SqlBuilder {
  readonly params: SqlParam[] = [];

  /** One placeholder for one value. */
  value(v: SqlParam): string {
    this.params.push(v);
    return '?';
  }

  /** `?, ?, ?` for a list of values. */
  list(values: readonly SqlParam[]): string {
    if (values.length === 0) throw new Error('SqlBuilder.list: empty list');
    return values.map((v) => this.value(v)).join(', ');
  }

  statement(text: string): SqlStatement {
    return { text: text.replace(/[ \t]+\n/g, '\n').trim(), params: [...this.params] };
  }
}

/** A SQL string literal for a trusted constant (code-list values only). */
export function lit(code: string): string {
  if (!/^[a-z0-9_]+$/.test(code)) throw new Error(`not a code literal: ${code}`);
  return `'${code}'`;
}

export function litList(codes: readonly string[]): string {
  return codes.map(lit).join(', ');
}

/**
 * The scope conditions of METRICS.md: regions, period on received_at (inclusive), and the
 * phenomenon / receiving_party / source filters. Both fact tables carry these columns.
 */
export function scopeWhere(b: SqlBuilder, ctx: MetricContext, regions: string[] | null = ctx.queryRegions, opts: { period?: boolean } = {}): string {
  const cond: string[] = [];
  const s = ctx.scope;
  if (regions) cond.push(`region_code IN (${b.list(regions)})`);
  if (opts.period !== false) {
    const period = periodCondition(b, s.from, s.to);
    if (period !== 'TRUE') cond.push(period);
  }
  if (s.phenomenon) cond.push(`phenomenon = ${b.value(s.phenomenon)}`);
  if (s.receiving_party) cond.push(`receiving_party = ${b.value(s.receiving_party)}`);
  if (s.source) cond.push(`source = ${b.value(s.source)}`);
  return cond.length ? cond.join('\n  AND ') : 'TRUE';
}

/** received_at within [from, to] (either bound optional); 'TRUE' when unbounded. */
export function periodCondition(b: SqlBuilder, from: string | undefined, to: string | undefined): string {
  const cond: string[] = [];
  if (from) cond.push(`received_at >= CAST(${b.value(from)} AS DATE)`);
  if (to) cond.push(`received_at <= CAST(${b.value(to)} AS DATE)`);
  return cond.length ? cond.join(' AND ') : 'TRUE';
}

/**
 * GROUP BY region and dims, with national totals as a grouping set without the region (its
 * rows have region_code NULL, which data never has: the column is NOT NULL). Only for
 * aggregates that cannot be summed from the region rows (quantiles); sums of counts get
 * their total rows in the library (`totalRow: 'sum'`), which saves a second aggregation.
 */
export function groupByRegionWithTotals(ctx: MetricContext, dims: readonly string[] = []): string {
  const withRegion = ['region_code', ...dims].join(', ');
  if (!ctx.totals) return `GROUP BY ${withRegion}`;
  return `GROUP BY GROUPING SETS ((${withRegion}), (${dims.join(', ')}))`;
}

/** GROUP BY region and dims. */
export function groupByRegion(dims: readonly string[] = []): string {
  return `GROUP BY ${['region_code', ...dims].join(', ')}`;
}

/** Continuous quantile (linear interpolation between order statistics), NULLs ignored. */
export function quantileCont(dialect: DialectName, expr: string, q: number): string {
  return dialect === 'postgres' ? `percentile_cont(${q}) WITHIN GROUP (ORDER BY ${expr})` : `quantile_cont(${expr}, ${q})`;
}

/**
 * Rows meeting a condition, with their key sum (`<alias>__k`, disclosure v2): DuckDB
 * `count_if` (faster than a FILTER clause there; NULL when the condition is NULL on every
 * row, hence the coalesce), PostgreSQL `count(*) FILTER`. `key` is the record-key column of
 * the unit counted (`rk`: the table's row; `subject_rk`: the person).
 */
export function countIf(ctx: Pick<MetricContext, 'dialect'>, cond: string, alias: string, key = 'rk'): string {
  const n = ctx.dialect === 'postgres' ? `CAST(count(*) FILTER (WHERE ${cond}) AS INTEGER) AS ${alias}` : `CAST(coalesce(count_if(${cond}), 0) AS INTEGER) AS ${alias}`;
  return `${n}, ${keySum(ctx, `CASE WHEN ${cond} THEN ${key} ELSE 0 END`, alias)}`;
}

/** Every row, with its key sum. */
export function countAll(ctx: Pick<MetricContext, 'dialect'>, alias: string, key = 'rk'): string {
  return `CAST(count(*) AS INTEGER) AS ${alias}, ${keySum(ctx, key, alias)}`;
}

/**
 * Where a count of rows of `from` grouped by or conditioned on `dims` is read: the first
 * aggregate table of it (libs/contract AGGREGATES: `n` rows with key sum `k` per region ×
 * month × its dims) that holds every one of those columns and of the request's code filters,
 * with `count` and `countIf` summing `n` and `k` (over the aggregate rows that meet the
 * condition); else the fact table with `countAll` / `countIf`. `col(name)` is a column in
 * a condition or a SELECT: a computed one (contract COMPUTED_COLUMNS) is stored in the
 * aggregate and an expression over the fact table. Both give the same count and
 * key sum for every cell (periods are whole months, and key sums add up). When every
 * calendar bin of the request is a whole year, the aggregate's yearly table (`<table>_y`)
 * is read instead: the period is then whole years, so the cells are the same again.
 */
export function factCounts(
  ctx: Pick<MetricContext, 'dialect' | 'scope' | 'bins'>,
  from: AggregateTable['from'],
  dims: readonly string[],
): {
  table: string;
  col: (name: string) => string;
  count: (alias: string) => string;
  countIf: (cond: string, alias: string) => string;
  /** The count alone, without a key sum: for rows that are never released as cells (leadtime's day histograms). */
  tally: (alias: string) => string;
  /**
   * A count per region × `dims` × calendar bin: its SELECT item (`count`) and the statement's
   * GROUP BY. Where the aggregate's rows are those cells already — each of its dims grouped
   * by, or held to one value by an equality in the WHERE (`fixed`, and the request's code
   * filters), and every calendar bin at the table's grain (months on the monthly table, years
   * on the yearly one) — its rows are read as they are, without a GROUP BY: an aggregate table
   * has one row per region × month (or year) × its dims, so grouping would only copy them
   * (for DuckDB a hash aggregate with as many groups as rows was half of trend's query).
   */
  grouped: (dims: readonly string[], fixed?: readonly string[]) => { count: (alias: string) => string; groupBy: string };
} {
  const filters = CODE_SCOPE.filter((f) => ctx.scope[f]);
  const used = [...dims, ...filters];
  const agg = AGGREGATES.find((a) => a.from === from && used.every((d) => a.dims.includes(d)));
  const groupBy = (grouped: readonly string[]) => `GROUP BY ${['region_code', ...grouped, 'bin'].join(', ')}`;
  if (!agg) {
    const computed = COMPUTED_COLUMNS[from];
    const count = (alias: string) => countAll(ctx, alias);
    return {
      table: from,
      col: (name) => computed[name] ?? name,
      count,
      countIf: (cond, alias) => countIf(ctx, cond, alias),
      tally: (alias) => `count(*) AS ${alias}`,
      grouped: (grouped) => ({ count, groupBy: groupBy(grouped) }),
    };
  }
  // every bin a whole year: the period is whole years, and the yearly table gives the same cells
  const yearly = ctx.bins.length > 0 && ctx.bins.every((z) => z.unit === 'year');
  const atGrain = yearly || (ctx.bins.length > 0 && ctx.bins.every((z) => z.unit === 'month'));
  const count = (alias: string) => `CAST(sum(n) AS INTEGER) AS ${alias}, CAST(sum(k) AS ${keyType(ctx)}) AS ${alias}__k`;
  return {
    table: yearly ? yearlyTable(agg.table) : agg.table,
    col: (name) => name,
    count,
    countIf: (cond, alias) =>
      `CAST(sum(CASE WHEN ${cond} THEN n ELSE 0 END) AS INTEGER) AS ${alias}, CAST(sum(CASE WHEN ${cond} THEN k ELSE 0 END) AS ${keyType(ctx)}) AS ${alias}__k`,
    tally: (alias) => `CAST(sum(n) AS INTEGER) AS ${alias}`,
    grouped: (grouped, fixed = []) =>
      atGrain && agg.dims.every((d) => grouped.includes(d) || fixed.includes(d) || (filters as readonly string[]).includes(d))
        ? { count: (alias) => `n AS ${alias}, CAST(k AS ${keyType(ctx)}) AS ${alias}__k`, groupBy: '' }
        : { count, groupBy: groupBy(grouped) },
  };
}

/** `factCounts` of signal_facts. */
export function signalCounts(ctx: Pick<MetricContext, 'dialect' | 'scope' | 'bins'>, dims: readonly string[]) {
  return factCounts(ctx, 'signal_facts', dims);
}

/** The scope filters on a code column of both fact tables (the column has the filter's name). */
const CODE_SCOPE = ['phenomenon', 'receiving_party', 'source'] as const;

/**
 * The SQL type of a key sum: a double. Record keys are below 2^24, so a sum stays an exact
 * integer far beyond 10^8 rows (2^53), and a double reaches JavaScript as a number as it is,
 * where a BIGINT is read as a bigint and converted value by value (counts are INTEGER for the
 * same reason: a count of signals or assessments stays far below 2^31).
 */
function keyType(ctx: Pick<MetricContext, 'dialect'>): string {
  return ctx.dialect === 'postgres' ? 'double precision' : 'DOUBLE';
}

/** The key sum of a count (an exact integer as a double, `keyType`). */
function keySum(ctx: Pick<MetricContext, 'dialect'>, expr: string, alias: string): string {
  return `CAST(coalesce(sum(${expr}), 0) AS ${keyType(ctx)}) AS ${alias}__k`;
}

/** The calendar bin of each row (disclosure rule 2), as a SELECT item. */
export function binColumn(ctx: Pick<MetricContext, 'binSql'>): string {
  return `${ctx.binSql} AS bin`;
}
