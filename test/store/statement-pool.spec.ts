import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainRowObjects, StatementPool } from '@weegwijzer/store';

/** The analytic reader's connection pool: results, statement reuse under concurrency, failures. */
describe('StatementPool', () => {
  let db: DuckDBInstance;
  beforeAll(async () => {
    db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`CREATE TABLE t AS SELECT i, i % 3 AS g FROM range(1000) r(i)`);
    c.closeSync();
  });
  afterAll(() => db.closeSync());

  const SQL_A = `SELECT g, count(*) AS n FROM t WHERE i < ? GROUP BY g ORDER BY g`;
  const SQL_B = `SELECT sum(i) AS s FROM t WHERE g = ?`;

  it('binds each run its own parameters on a reused statement', async () => {
    const pool = new StatementPool(db);
    try {
      expect(plainRowObjects(await pool.run(SQL_A, [10]))).toEqual([
        { g: 0, n: 4 },
        { g: 1, n: 3 },
        { g: 2, n: 3 },
      ]);
      // 0..5: g 0 → 0, 3; g 1 → 1, 4; g 2 → 2, 5
      expect(plainRowObjects(await pool.run(SQL_A, [6]))).toEqual([
        { g: 0, n: 2 },
        { g: 1, n: 2 },
        { g: 2, n: 2 },
      ]);
      expect(pool.prepares).toBe(1);
    } finally {
      pool.closeSync();
    }
  });

  it('prepares each statement once per connection under concurrent load, however the queries interleave', async () => {
    const pool = new StatementPool(db);
    try {
      const wave = () => Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? pool.run(SQL_A, [i + 1]) : pool.run(SQL_B, [i % 3]))));
      await wave();
      const afterFirst = pool.prepares;
      // the first wave opens up to 16 connections; each prepares the one statement it ran
      expect(afterFirst).toBeLessThanOrEqual(16);
      for (let w = 0; w < 10; w++) await wave();
      // later waves find connections that already hold their statement: a few new preparations
      // at most (a connection that only ran A may be taken for B once), never one per query
      expect(pool.prepares - afterFirst).toBeLessThanOrEqual(16);
      // sum of i < 1000 with i % 3 = 1: 1 + 4 + … + 997 = 333 terms, mean 499
      expect(plainRowObjects(await pool.run(SQL_B, [1]))).toEqual([{ s: 333 * 499 }]);
    } finally {
      pool.closeSync();
    }
  });

  it('keeps no more idle connections than maxIdle, and re-prepares on the ones it opened again', async () => {
    const pool = new StatementPool(db, { maxIdle: 2 });
    try {
      for (let w = 0; w < 5; w++) await Promise.all(Array.from({ length: 8 }, () => pool.run(SQL_B, [0])));
      // 8 concurrent queries, 2 connections kept: 6 new connections (and preparations) per wave after the first
      expect(pool.prepares).toBe(8 + 4 * 6);
    } finally {
      pool.closeSync();
    }
  });

  it('closes a connection whose query failed and still answers the next query', async () => {
    const pool = new StatementPool(db);
    try {
      await expect(pool.run(`SELECT CAST(? AS INTEGER) AS x`, ['not a number'])).rejects.toThrow(/Could not convert|Conversion Error/i);
      expect(plainRowObjects(await pool.run(`SELECT CAST(? AS INTEGER) AS x`, ['42']))).toEqual([{ x: 42 }]);
    } finally {
      pool.closeSync();
    }
  });

  it('refuses to run once closed', async () => {
    const pool = new StatementPool(db);
    pool.closeSync();
    await expect(pool.run(SQL_B, [0])).rejects.toThrow(/closed/);
  });
});
