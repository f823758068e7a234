/**
 * The generated SQL of every metric for fixed requests, and the definitions as JSON, so a
 * change to a number's definition shows in review (committed under libs/metrics/sql-snapshots).
 */
import { findMetric, METRICS } from './registry';
import { catalogueEntry } from './catalogue';
import { resolveContext } from './scope';
import type { DialectName, MetricDefinition, MetricRequest, SqlStatement } from './types';

export const SNAPSHOT_SCOPE = { regions: ['VR03', 'VR13'], from: '2024-01-01', to: '2024-12-31' };

/** Every combination of a definition's parameter values. */
export function paramCombinations(def: MetricDefinition): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const p of def.params) out = out.flatMap((o) => p.values.map((v) => ({ ...o, [p.name]: v })));
  return out;
}

/** The statements a request generates (main, then links where the metric has them). */
export interface GeneratedSql {
  main: SqlStatement;
  links?: SqlStatement;
  /** Non-additive statistics over the whole period (percentiles). */
  stats?: SqlStatement;
}

/**
 * `stats`: the statsSql rows a `statsFirst` metric's main statement is built from (without
 * them it reads every month of the period, as when the data's reach is unknown).
 */
export function generatedSql(name: string, request: MetricRequest, dialect: DialectName = 'duckdb', stats?: Record<string, unknown>[]): GeneratedSql {
  const def = findMetric(name);
  const ctx = resolveContext(def, request, dialect);
  return { main: def.sql(ctx, def.statsFirst ? stats : undefined), ...(def.links ? { links: def.links.sql(ctx) } : {}), ...(def.statsSql ? { stats: def.statsSql(ctx) } : {}) };
}

/** The statsSql rows the snapshot's `statsFirst` statements are built from: data up to the end of the period. */
const SNAPSHOT_STATS = [{ last_received: SNAPSHOT_SCOPE.to }];

function render(label: string, request: MetricRequest, s: GeneratedSql, statsFirst = false): string {
  const part = (title: string, st: SqlStatement) => `-- ${title}\n-- params: ${JSON.stringify(st.params)}\n${st.text};\n`;
  const after = statsFirst ? [`-- main built from the stats rows ${JSON.stringify(SNAPSHOT_STATS)} (run first)`] : [];
  return [
    `-- ${label}: ${JSON.stringify(request)}`,
    ...after,
    part('main', s.main),
    ...(s.links ? [part('links', s.links)] : []),
    ...(s.stats ? [part('stats', s.stats)] : []),
  ].join('\n');
}

/** File name -> content: `<metric>.sql` per metric (every parameter combination, inspectie and regio), `definitions.json`. */
export function sqlSnapshot(dialect: DialectName = 'duckdb'): Record<string, string> {
  const files: Record<string, string> = {};
  for (const def of METRICS) {
    const parts: string[] = [];
    for (const params of paramCombinations(def)) {
      const request: MetricRequest = { role: 'inspectie', scope: SNAPSHOT_SCOPE, params };
      parts.push(render('inspectie', request, generatedSql(def.name, request, dialect, SNAPSHOT_STATS), def.statsFirst));
    }
    if (def.statsFirst) {
      // a period of two years, where the stats select months to read (in the one-year period above: none)
      const request: MetricRequest = { role: 'inspectie', scope: { ...SNAPSHOT_SCOPE, from: '2023-01-01' }, params: {} };
      parts.push(render('inspectie', request, generatedSql(def.name, request, dialect, SNAPSHOT_STATS), true));
    }
    if (def.roles.includes('regio')) {
      const request: MetricRequest = { role: 'regio', region: 'VR13', scope: { from: SNAPSHOT_SCOPE.from, to: SNAPSHOT_SCOPE.to } };
      parts.push(render('regio', request, generatedSql(def.name, request, dialect, SNAPSHOT_STATS), def.statsFirst));
    }
    files[`${def.name}.sql`] = parts.join('\n');
  }
  files['definitions.json'] = JSON.stringify(METRICS.map(catalogueEntry), null, 2) + '\n';
  return files;
}
