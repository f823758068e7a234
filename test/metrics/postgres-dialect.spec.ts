/**
 * The PostgreSQL dialect of every metric's SQL (used by bench:metrics to show what a
 * Superset-on-PostgreSQL setup would pay) gives the same aggregates as DuckDB on the same
 * signal_facts / assessment_facts. Runs when DATABASE_URL is set, in its own schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'pg';
import { ANALYTIC_TABLES } from '@weegwijzer/contract';
import { generatedSql, METRICS, paramCombinations, type MetricRequest } from '@weegwijzer/metrics';
import { fixtureDb, replicate, type FixtureDb } from './duckdb-fixture';
import { HAND_FIXTURE } from './hand-fixture';

const url = process.env.DATABASE_URL;
const schema = `t_metrics_dialect_${process.pid}`;
const PG_TYPES: Record<string, string> = { VARCHAR: 'text', DATE: 'date', INTEGER: 'integer', BIGINT: 'bigint', BOOLEAN: 'boolean', TINYINT: 'smallint' };

function normalise(rows: Record<string, unknown>[]): string[] {
  return rows
    .map((r) =>
      JSON.stringify(
        Object.keys(r)
          .sort()
          .map((k) => {
            const v = r[k];
            if (v instanceof Date) return v.toISOString().slice(0, 10);
            if (typeof v === 'bigint') return Number(v);
            if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
            if (typeof v === 'number') return Math.round(v * 1e9) / 1e9;
            return v;
          }),
      ),
    )
    .sort();
}

describe.skipIf(!url)('PostgreSQL dialect', () => {
  let duck: FixtureDb;
  let pg: Client;
  beforeAll(async () => {
    duck = await fixtureDb(replicate(HAND_FIXTURE, 2));
    pg = new Client({ connectionString: url });
    await pg.connect();
    await pg.query(`CREATE SCHEMA ${schema}`);
    await pg.query(`SET search_path TO ${schema}`);
    for (const table of ANALYTIC_TABLES) {
      const cols = (await duck.query(`SELECT column_name, column_type FROM (DESCRIBE ${table})`)) as { column_name: string; column_type: string }[];
      await pg.query(`CREATE TABLE ${table} (${cols.map((c) => `${c.column_name} ${c.column_type.startsWith('ENUM(') ? 'text' : PG_TYPES[c.column_type]}`).join(', ')})`);
      const rows = await duck.query(`SELECT * FROM ${table}`);
      for (const r of rows) {
        const names = cols.map((c) => c.column_name);
        await pg.query(
          `INSERT INTO ${table} VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
          names.map((n) => r[n]),
        );
      }
    }
  }, 60_000);
  afterAll(async () => {
    await pg?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pg?.end();
    duck?.close();
  });

  for (const def of METRICS) {
    it(`${def.name}: same rows on PostgreSQL and DuckDB`, async () => {
      for (const params of paramCombinations(def)) {
        for (const scope of [{}, { from: '2024-02-01', to: '2024-06-30', regions: ['VR01', 'VR02'] }]) {
          const request: MetricRequest = { role: 'inspectie', scope, params };
          const d = generatedSql(def.name, request, 'duckdb');
          const p = generatedSql(def.name, request, 'postgres');
          const statements = [[d.main, p.main], ...(d.links && p.links ? [[d.links, p.links]] : [])];
          for (const [ds, ps] of statements) {
            let n = 0;
            const pgRows = (
              await pg.query(
                ps.text.replace(/\?/g, () => `$${++n}`),
                ps.params as unknown[],
              )
            ).rows;
            expect(normalise(pgRows), `${def.name} ${JSON.stringify(params)} ${JSON.stringify(scope)}`).toEqual(normalise(await duck.query(ds.text, ds.params)));
          }
        }
      }
    });
  }
});
