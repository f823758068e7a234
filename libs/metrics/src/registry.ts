/** Every metric of METRICS.md, by name. A new metric is one entry here plus its definition file and a test. */
import { attentionMetric } from './attention.metrics';
import { criteriaCoverageMetric, criteriaUsageMetric } from './criteria.metrics';
import { outcomeDivergenceMetric } from './divergence.metrics';
import { dropoffMetric } from './dropoff.metrics';
import { MetricNotFoundError } from './errors';
import { flowMetric } from './flow.metrics';
import { integralityMetric } from './integrality.metrics';
import { leadtimeMetric } from './leadtime.metrics';
import { phenomenonCoverageMetric } from './phenomenon.metrics';
import { prewegingOutcomesMetric } from './preweging.metrics';
import { reachMetric } from './reach.metrics';
import { reassessmentConsistencyMetric } from './reassessment.metrics';
import { trendMetric } from './trend.metrics';
import type { MetricDefinition } from './types';

/** In METRICS.md order, then the extensions. */
export const METRICS: readonly MetricDefinition[] = [
  flowMetric,
  dropoffMetric,
  leadtimeMetric,
  criteriaUsageMetric,
  criteriaCoverageMetric,
  outcomeDivergenceMetric,
  reassessmentConsistencyMetric,
  phenomenonCoverageMetric,
  integralityMetric,
  reachMetric,
  trendMetric,
  prewegingOutcomesMetric, // extension beyond METRICS.md (docs/metrics.md)
  attentionMetric, // extension: issue 10, the attention list
];

const BY_NAME = new Map(METRICS.map((m) => [m.name, m]));

export function findMetric(name: string): MetricDefinition {
  const def = typeof name === 'string' ? BY_NAME.get(name) : undefined;
  if (!def) throw new MetricNotFoundError(String(name));
  return def;
}

export const METRIC_NAMES: readonly string[] = METRICS.map((m) => m.name);
