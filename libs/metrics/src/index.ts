/** @weegwijzer/metrics — every metric of METRICS.md on DuckDB, with disclosure control built in. */
export { METRICS, METRIC_NAMES, findMetric } from './registry';
export { runMetric, assembleResponse, activeColumns, type RunOptions } from './run';
export { parseMonthBound, binZones, binsOf, binId, binMonths, binUnit, monthIndex, monthStart, monthEnd, type BinZone, type BinUnit } from './periods';
export { SAME_CELLS, sameCellsOf, type SameCells, type CellRef } from './identities';
export { catalogue, catalogueEntry, type CatalogueEntry, type CatalogueColumn } from './catalogue';
export { MetricNotFoundError, MetricForbiddenError, MetricParamError } from './errors';
export { toCsv, SUPPRESSED_MARKER, type CsvOptions } from './csv';
export { sqlSnapshot, generatedSql, paramCombinations, SNAPSHOT_SCOPE } from './snapshot';
export { resolveContext, DEFAULT_K, MIN_K, MAX_K } from './scope';
export { parseMetricRequest, type MetricCaller, type ParsedMetricRequest } from './request';
export { REASON, PEER_GROUPS, MIN_PEER_REGIONS } from './disclosure';
export * as stats from './stats';
export * as disclosure from './disclosure';
export { COLUMN_KINDS } from './types';
export { ATTENTION_FDR, ATTENTION_MIN_TOTAL, ATTENTION_SERIES, benjaminiHochberg, poissonRatioPValue, targetQuarter } from './attention.metrics';
export type {
  CellValue,
  ColumnKind,
  DialectName,
  Label,
  MetricColumn,
  MetricContext,
  MetricDefinition,
  MetricParam,
  MetricRequest,
  MetricReference,
  MetricResponse,
  MetricTable,
  Note,
  ResponseColumn,
  Row,
  Scope,
  ScopeFilter,
  SqlStatement,
  SuppressedCell,
} from './types';
