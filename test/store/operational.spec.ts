import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { BatchEntity, closeOperationalStore, describeOperationalStore, openOperationalStore } from '@weegwijzer/store';

/** Runs against PGlite (default) or the PostgreSQL server in DATABASE_URL. */
const databaseUrl = process.env.DATABASE_URL;
const schema = databaseUrl ? `t_store_${process.pid}` : undefined;

describe(`operational store on ${databaseUrl ? 'PostgreSQL' : 'PGlite'}`, () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openOperationalStore({ databaseUrl, dataDir: 'memory', schema });
    // A fresh PGlite runs initdb: many seconds on a busy machine.
  }, 120_000);
  afterAll(async () => {
    if (schema) await ds.query(`DROP SCHEMA "${schema}" CASCADE`);
    await closeOperationalStore(ds);
  });

  it('runs the migrations and stores a ledger row', async () => {
    const repo = ds.getRepository(BatchEntity);
    await repo.insert({ id: 'VR13/VR13-2025-06', regionCode: 'VR13', batchId: 'VR13-2025-06', status: 'loaded', report: { errors: [] } });
    const row = await repo.findOneByOrFail({ id: 'VR13/VR13-2025-06' });
    expect(row.status).toBe('loaded');
    expect(row.report).toEqual({ errors: [] });
  });

  it('describes where it lives', () => {
    expect(describeOperationalStore({ databaseUrl, dataDir: 'memory', schema })).toMatch(databaseUrl ? /PostgreSQL/ : /PGlite/);
  });
});
