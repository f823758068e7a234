/**
 * Builds a tiny in-memory DuckDB with the analytic schema of libs/contract from hand-written
 * rows, and a QueryFn over it (values converted as the contract's QueryFn says).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ASSESSMENTS_DDL, DERIVED_TABLES_SQL, SIGNALS_DDL, type QueryFn, type SqlParam } from '@weegwijzer/contract';
import { recordKeyMacroSql } from '@weegwijzer/store';
import { TEST_RECORD_KEY_SECRET } from './record-key';

export interface SignalFixture {
  id: string;
  region: string;
  received: string;
  party: 'gemeente' | 'politie' | 'om';
  source: string;
  phenomenon: string;
  subject?: string | null;
  municipality?: string | null;
}

export interface AssessmentFixture {
  id: string;
  signal: string;
  stage: 'pre_weging' | 'afstemmingsoverleg' | 'weegploeg';
  body: string;
  decided: string;
  framework: string;
  outcome: string;
  /** c_geweld, c_denkbeelden, c_sociale_relaties, c_identificatie, c_zelfredzaamheid; null = not scored */
  scores?: (number | null)[] | null;
  /** gemeente, politie, om (weegploeg; default all true) */
  present?: [boolean, boolean, boolean];
  info?: [boolean, boolean, boolean];
  unanimous?: boolean;
  analysis?: boolean;
  decision?: boolean;
}

export interface Fixture {
  signals: SignalFixture[];
  assessments: AssessmentFixture[];
}

/** R copies of every signal and assessment (ids and subjects suffixed), so each count is multiplied by R. */
export function replicate(f: Fixture, r: number): Fixture {
  const out: Fixture = { signals: [], assessments: [] };
  for (let i = 1; i <= r; i++) {
    out.signals.push(...f.signals.map((s) => ({ ...s, id: `${s.id}-r${i}`, subject: s.subject ? `${s.subject}-r${i}` : s.subject })));
    out.assessments.push(...f.assessments.map((a) => ({ ...a, id: `${a.id}-r${i}`, signal: `${a.signal}-r${i}` })));
  }
  return out;
}

export function toPlain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (Array.isArray(v)) return v.map(toPlain);
  return v;
}

export function queryFnOver(conn: DuckDBConnection): QueryFn {
  return async (sql: string, params: readonly SqlParam[] = []) => {
    const reader = await conn.runAndReadAll(sql, params as SqlParam[] as never);
    return reader.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, toPlain(v)])));
  };
}

export interface FixtureDb {
  query: QueryFn;
  conn: DuckDBConnection;
  close(): void;
}

export async function fixtureDb(f: Fixture): Promise<FixtureDb> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(SIGNALS_DDL);
  await conn.run(ASSESSMENTS_DDL);
  const regionOf = new Map(f.signals.map((s) => [s.id, s.region]));
  const sig = await conn.prepare('INSERT INTO signals VALUES ($1, $2, $3, $4, CAST($5 AS DATE), $6, $7, $8, NULL, $9)');
  for (const s of f.signals) {
    sig.bind([s.id, s.subject ?? null, s.region, s.municipality ?? null, s.received, s.party, s.source, s.phenomenon, 'fixture'] as never);
    await sig.run();
  }
  const ass = await conn.prepare(
    'INSERT INTO assessments VALUES ($1, $2, $3, $4, $5, CAST($6 AS DATE), $7, $8, $9, $10, $11, $12, $13, NULL, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)',
  );
  for (const a of f.assessments) {
    const region = regionOf.get(a.signal);
    if (!region) throw new Error(`fixture: assessment ${a.id} has unknown signal ${a.signal}`);
    const scores = a.scores ?? [null, null, null, null, null];
    const wp = a.stage === 'weegploeg';
    const present = a.present ?? [true, true, true];
    const info = a.info ?? [true, true, true];
    ass.bind([
      a.id,
      a.signal,
      region,
      a.stage,
      a.body,
      a.decided,
      a.framework,
      ...scores,
      a.outcome,
      wp ? present[0] : null,
      wp ? present[1] : null,
      wp ? present[2] : null,
      wp ? info[0] : null,
      wp ? info[1] : null,
      wp ? info[2] : null,
      wp ? (a.unanimous ?? true) : null,
      a.analysis ?? true,
      a.decision ?? true,
      'fixture',
    ] as never);
    await ass.run();
  }
  await conn.run(recordKeyMacroSql(TEST_RECORD_KEY_SECRET));
  for (const stmt of DERIVED_TABLES_SQL) await conn.run(stmt);
  return { query: queryFnOver(conn), conn, close: () => conn.closeSync() };
}
