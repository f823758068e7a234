/**
 * The operational store (batch ledger, registry, tokens, audit log) through TypeORM.
 * Embedded PGlite (real Postgres in-process, under <dataDir>/pglite) when DATABASE_URL is
 * unset; a PostgreSQL server when it is set. Same entities, same migrations.
 *
 * PGlite, like a DuckDB file, belongs to one process at a time: only the process that owns
 * the data directory (see ../owner) may open it. typeorm-pglite keeps one PGlite instance
 * per process.
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import { PGliteInstance } from 'typeorm-pglite/dist/pglite-instance';
import { OPERATIONAL_ENTITIES } from './entities';
import { OPERATIONAL_MIGRATIONS } from './migrations';

export interface OperationalStoreOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite store is used. */
  databaseUrl?: string;
  /** Data directory; PGlite lives in <dataDir>/pglite. `memory` = in-memory PGlite (tests). */
  dataDir: string | 'memory';
  /** PostgreSQL schema to use (tests isolate themselves in their own schema). */
  schema?: string;
  logging?: boolean;
  /** Apply only the migrations with these names (restore of an older backup); default all. */
  onlyMigrations?: readonly string[];
}

export function describeOperationalStore(opts: OperationalStoreOptions): string {
  if (opts.databaseUrl) {
    const u = new URL(opts.databaseUrl);
    return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}${opts.schema ? ` (schema ${opts.schema})` : ''}`;
  }
  return opts.dataDir === 'memory' ? 'PGlite (in memory)' : `PGlite ${join(opts.dataDir, 'pglite')}`;
}

/** Opens the operational store and runs pending migrations. */
export async function openOperationalStore(opts: OperationalStoreOptions): Promise<DataSource> {
  const common = {
    type: 'postgres' as const,
    entities: OPERATIONAL_ENTITIES,
    migrations: opts.onlyMigrations ? OPERATIONAL_MIGRATIONS.filter((m) => opts.onlyMigrations!.includes(m.name)) : OPERATIONAL_MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: opts.logging ?? false,
    schema: opts.schema,
  };
  let ds: DataSource;
  if (opts.databaseUrl) {
    if (opts.schema) await createSchema(opts.databaseUrl, opts.schema);
    const extra: Record<string, unknown> = { max: 10 };
    if (opts.schema) extra.options = `-c search_path=${opts.schema}`;
    ds = new DataSource({ ...common, url: opts.databaseUrl, extra });
  } else {
    const dataDir = opts.dataDir === 'memory' ? undefined : join(opts.dataDir, 'pglite');
    ds = new DataSource({ ...common, driver: new PGliteDriver(dataDir ? { dataDir } : {}).driver });
  }
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}

async function createSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await client.end();
  }
}

/** Closes the store; for PGlite also closes the process-wide instance so files are flushed. */
export async function closeOperationalStore(ds: DataSource): Promise<void> {
  if (ds.isInitialized) await ds.destroy();
  await PGliteInstance.close();
}
