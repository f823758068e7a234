/**
 * The demo data (etl demo generator) as an in-memory DuckDB analytic snapshot: the CSV batches
 * loaded into the contract's `signals` / `assessments` tables, record keys computed with a
 * fixed test secret (the same `record_key` macro the snapshot build uses), and the derived
 * fact tables of libs/contract. Used by the attack suite and `npm run disclosure:report`.
 *
 * Runs against older commits too (the v1 report): where @weegwijzer/store has no record-key
 * macro (disclosure v1), the fact tables are built without keys.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ASSESSMENT_COLUMNS, ASSESSMENTS_DDL, DERIVED_TABLES_SQL, SIGNAL_COLUMNS, SIGNALS_DDL, type QueryFn, type SqlParam } from '@weegwijzer/contract';
import * as store from '@weegwijzer/store';
import { generateDemo } from '@weegwijzer/etl';

/** A fixed record-key secret for tests (a deployment generates its own at first start). */
export const TEST_SECRET = Buffer.from('a77ac4'.repeat(10) + 'a77a', 'hex');

export interface DemoDb {
  conn: DuckDBConnection;
  query: QueryFn;
  signals: number;
  /** First and last month of the data, `YYYY-MM`. */
  firstMonth: string;
  lastMonth: string;
  close(): void;
}

export interface DemoDbOptions {
  seed?: number;
  /** Volume multiplier of the demo generator (1 = about 3 500 signals a year nationally). */
  scale?: number;
  years?: number;
  endYear?: number;
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

export function queryOver(conn: DuckDBConnection): QueryFn {
  return async (sql: string, params: readonly SqlParam[] = []) => {
    const reader = await conn.runAndReadAll(sql, params as SqlParam[] as never);
    return reader.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
  };
}

const names = (cols: readonly { name: string }[]) => cols.map((c) => c.name).join(', ');

export async function demoDb(opts: DemoDbOptions = {}): Promise<DemoDb> {
  const dir = mkdtempSync(join(tmpdir(), 'weegwijzer-disclosure-'));
  try {
    await generateDemo({ outDir: dir, seed: opts.seed ?? 1, scale: opts.scale ?? 1, years: opts.years ?? 3, endYear: opts.endYear ?? 2025, format: 'csv' });
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    await conn.run(SIGNALS_DDL);
    await conn.run(ASSESSMENTS_DDL);
    const csv = (file: string) => `read_csv('${join(dir, '*', '*', file)}', header = true, all_varchar = true, filename = true)`;
    await conn.run(`INSERT INTO signals (${names(SIGNAL_COLUMNS)}, batch_id) SELECT ${names(SIGNAL_COLUMNS)}, filename FROM ${csv('signals.csv')}`);
    await conn.run(`INSERT INTO assessments (${names(ASSESSMENT_COLUMNS)}, batch_id) SELECT ${names(ASSESSMENT_COLUMNS)}, filename FROM ${csv('assessments.csv')}`);
    const macro = (store as { recordKeyMacroSql?: (secret: Buffer) => string }).recordKeyMacroSql;
    if (macro) await conn.run(macro(TEST_SECRET));
    for (const stmt of DERIVED_TABLES_SQL) await conn.run(stmt);
    const query = queryOver(conn);
    const [span] = await query(`SELECT count(*) AS n, strftime(min(received_at), '%Y-%m') AS lo, strftime(max(received_at), '%Y-%m') AS hi FROM signal_facts`);
    return { conn, query, signals: Number(span.n), firstMonth: String(span.lo), lastMonth: String(span.hi), close: () => conn.closeSync() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
