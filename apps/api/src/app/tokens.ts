/** Injection tokens for the runtime objects the API is built around. */
export const APP_CONFIG = Symbol('APP_CONFIG');
/** The operational store (TypeORM DataSource over PGlite or PostgreSQL). */
export const OPERATIONAL_STORE = Symbol('OPERATIONAL_STORE');
/** The analytic store reader (AnalyticReader over the current DuckDB snapshot). */
export const ANALYTIC_READER = Symbol('ANALYTIC_READER');
/** The ETL ingestor (owned by the API while it runs). */
export const INGESTOR = Symbol('INGESTOR');
