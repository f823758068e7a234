export * from './data-dir';
export * from './snapshot-pointer';
export * from './duckdb-values';
export * from './analytic.reader';
export * from './record-key';
export * from './statement-pool';
