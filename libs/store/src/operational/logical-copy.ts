/**
 * A logical copy of the operational store: every table of its schema as JSON Lines (one
 * `row_to_json` per row, written and read back by PostgreSQL itself, so timestamps, numerics,
 * bigints and jsonb survive exactly), and the list of applied migrations. The same code reads
 * and writes PGlite and PostgreSQL, so a copy taken on one can be loaded into the other.
 *
 * Consistency: the dump runs in one REPEATABLE READ transaction on PostgreSQL. PGlite has a
 * single session shared by the whole process; there the dump runs inside PGlite's own
 * `transaction()`, which holds the instance exclusively, so no other query interleaves.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { PGliteInstance } from 'typeorm-pglite/dist/pglite-instance';

/** TypeORM's own bookkeeping table: copied as the migration list, not as data. */
export const MIGRATIONS_TABLE = 'migrations';

export interface SqlSession {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface DumpedTable {
  name: string;
  rows: number;
}

export interface OperationalDump {
  /** Names of the applied migrations, oldest first. */
  migrations: string[];
  tables: DumpedTable[];
}

function isPglite(ds: DataSource): boolean {
  return (ds.options as { driver?: unknown }).driver !== undefined;
}

/** Runs `fn` on one session inside one transaction (read-only snapshot or read-write). */
export async function withTransaction<T>(ds: DataSource, mode: 'snapshot' | 'write', fn: (s: SqlSession) => Promise<T>): Promise<T> {
  if (isPglite(ds)) {
    const pg = await PGliteInstance.getInstance();
    return pg.transaction(async (tx) => fn({ query: async <R>(sql: string, params?: unknown[]) => (await tx.query<R>(sql, params)).rows }));
  }
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(mode === 'snapshot' ? 'START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'START TRANSACTION');
    try {
      const result = await fn({ query: (sql, params) => runner.query(sql, params) });
      await runner.query('COMMIT');
      return result;
    } catch (e) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  } finally {
    await runner.release();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The schema's base tables other than the migrations table, parents before children (foreign keys). */
export async function listTables(s: SqlSession): Promise<string[]> {
  const tables = (
    await s.query<{ name: string }>(`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname`)
  )
    .map((r) => r.name)
    .filter((n) => n !== MIGRATIONS_TABLE);
  const edges = await s.query<{ child: string; parent: string }>(`SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = current_schema()`);
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) if (e.child !== e.parent && parents.has(e.child) && parents.has(e.parent)) parents.get(e.child)!.add(e.parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p)));
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among: ${tables.filter((t) => !placed.has(t)).join(', ')}`);
    for (const t of ready) {
      placed.add(t);
      ordered.push(t);
    }
  }
  return ordered;
}

async function primaryKey(s: SqlSession, table: string): Promise<string[]> {
  const rows = await s.query<{ col: string }>(
    `SELECT a.attname AS col FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
    [quoteIdent(table)],
  );
  return rows.map((r) => r.col);
}

export async function appliedMigrations(s: SqlSession): Promise<string[]> {
  const exists = await s.query(`SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relname = $1`, [MIGRATIONS_TABLE]);
  if (exists.length === 0) return [];
  return (await s.query<{ name: string }>(`SELECT name FROM ${quoteIdent(MIGRATIONS_TABLE)} ORDER BY timestamp, id`)).map((r) => r.name);
}

const FETCH_ROWS = 2000;

/**
 * Writes every table to `fileOf(table)` as JSON Lines, in primary-key order, from one
 * consistent view of the store; returns the migration list and the row counts.
 */
export async function dumpOperationalStore(ds: DataSource, fileOf: (table: string) => string): Promise<OperationalDump> {
  return withTransaction(ds, 'snapshot', async (s) => {
    const migrations = await appliedMigrations(s);
    const tables: DumpedTable[] = [];
    for (const name of await listTables(s)) {
      const pk = await primaryKey(s, name);
      const order = pk.length > 0 ? ` ORDER BY ${pk.map((c) => `t.${quoteIdent(c)}`).join(', ')}` : '';
      const file = await open(fileOf(name), 'wx', 0o600);
      let rows = 0;
      try {
        await s.query(`DECLARE ww_dump NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${quoteIdent(name)} t${order}`);
        for (;;) {
          const chunk = await s.query<{ j: string }>(`FETCH ${FETCH_ROWS} FROM ww_dump`);
          if (chunk.length === 0) break;
          await file.write(chunk.map((r) => r.j + '\n').join(''));
          rows += chunk.length;
        }
        await s.query('CLOSE ww_dump');
        await file.sync();
      } finally {
        await file.close();
      }
      tables.push({ name, rows });
    }
    return { migrations, tables };
  });
}

/**
 * Loads tables written by dumpOperationalStore into a freshly migrated store (same migrations
 * as the dump), in one transaction: rows as they were (ids included, user triggers such as the
 * audit log's off while loading), then every serial/identity sequence moved past the highest
 * id. Never use it on a store in service: it replaces the rows of the tables it loads.
 * Returns the number of rows loaded per table.
 */
export async function loadOperationalStore(ds: DataSource, tables: readonly { name: string; file: string }[]): Promise<DumpedTable[]> {
  return withTransaction(ds, 'write', async (s) => {
    const present = new Set(await listTables(s));
    for (const t of tables) if (!present.has(t.name)) throw new Error(`table ${t.name} of the backup does not exist in the migrated store`);
    // Parents first, whatever order the list came in.
    const order = (await listTables(s)).filter((n) => tables.some((t) => t.name === n));
    const loaded: DumpedTable[] = [];
    // A new store, but a migration may have seeded rows: the backup's rows replace them
    // (children first; user triggers such as the audit log's append-only guard off meanwhile).
    for (const name of [...order].reverse()) {
      await s.query(`ALTER TABLE ${quoteIdent(name)} DISABLE TRIGGER USER`);
      await s.query(`DELETE FROM ${quoteIdent(name)}`);
    }
    for (const name of order) {
      const file = tables.find((t) => t.name === name)!.file;
      const q = quoteIdent(name);
      let rows = 0;
      let batch: string[] = [];
      const insert = async () => {
        if (batch.length === 0) return;
        await s.query(`INSERT INTO ${q} OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_recordset(NULL::${q}, $1::json)`, [`[${batch.join(',')}]`]);
        rows += batch.length;
        batch = [];
      };
      const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
      for await (const line of lines) {
        if (line === '') continue;
        batch.push(line);
        if (batch.length >= FETCH_ROWS) await insert();
      }
      await insert();
      await s.query(`ALTER TABLE ${q} ENABLE TRIGGER USER`);
      const sequenced = await s.query<{ col: string }>(
        `SELECT column_name AS col FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1
          AND (column_default LIKE 'nextval(%' OR is_identity = 'YES')`,
        [name],
      );
      for (const { col } of sequenced) {
        const c = quoteIdent(col);
        await s.query(`SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(max(${c}), 1), max(${c}) IS NOT NULL) FROM ${q}`, [q, col]);
      }
      loaded.push({ name, rows });
    }
    return loaded;
  });
}

function schemaIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name ${name}`);
  return quoteIdent(name);
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * PostgreSQL: puts the schema `staging` in the place of `target` in one transaction (the
 * current `target`, if any, is renamed to `aside`). Needs the database user to own both.
 */
export function swapSchema(url: string, staging: string, target: string, aside: string): Promise<void> {
  return withClient(url, async (c) => {
    await c.query('BEGIN');
    try {
      const exists = await c.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [target]);
      if (exists.rowCount) await c.query(`ALTER SCHEMA ${schemaIdent(target)} RENAME TO ${schemaIdent(aside)}`);
      await c.query(`ALTER SCHEMA ${schemaIdent(staging)} RENAME TO ${schemaIdent(target)}`);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  });
}

export function dropSchemaCascade(url: string, schema: string): Promise<void> {
  return withClient(url, async (c) => {
    await c.query(`DROP SCHEMA IF EXISTS ${schemaIdent(schema)} CASCADE`);
  });
}
