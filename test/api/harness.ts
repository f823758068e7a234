/**
 * Starts a full API (createApp) on port 0 with a temporary data directory, on PGlite or — when
 * DATABASE_URL is set — on PostgreSQL in a schema of its own that is dropped afterwards.
 */
import { createApp, loadConfig, type ApiApp, type CreateAppOptions } from '@weegwijzer/api';
import { closeOperationalStore, openOperationalStore, OPERATIONAL_MIGRATIONS } from '@weegwijzer/store';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { assertDocumented, ContractValidator, type OpenApiDoc } from './contract';

export const DATABASE_URL = process.env.DATABASE_URL;
export const STORE = DATABASE_URL ? 'PostgreSQL' : 'PGlite';

export interface TestApi {
  app: ApiApp;
  url: string;
  dataDir: string;
  schema: string | undefined;
  /**
   * fetch against the app with an optional bearer token. Every response is checked against the
   * app's OpenAPI document (see contract.ts): one that is not as documented fails the call.
   */
  call(path: string, opts?: { token?: string; method?: string; headers?: Record<string, string>; body?: unknown }): Promise<Response>;
  stop(): Promise<void>;
}

let seq = 0;

/**
 * A fresh embedded PGlite runs initdb, which takes seconds (many on a busy machine). Tests
 * start from a copy of an initialised, migrated PGlite folder made once per set of migrations.
 */
export async function seedPglite(dataDir: string): Promise<void> {
  if (DATABASE_URL) return;
  const key = createHash('sha256')
    .update(OPERATIONAL_MIGRATIONS.map((m) => m.name).join(','))
    .digest('hex')
    .slice(0, 16);
  const template = join(tmpdir(), `weegwijzer-pglite-template-${key}`);
  if (!existsSync(join(template, 'pglite'))) {
    const work = mkdtempSync(join(tmpdir(), 'weegwijzer-pglite-build-'));
    const ds = await openOperationalStore({ dataDir: work });
    await closeOperationalStore(ds);
    mkdirSync(template, { recursive: true });
    try {
      renameSync(join(work, 'pglite'), join(template, 'pglite'));
    } catch {
      // Another test file made it first.
    }
    rmSync(work, { recursive: true, force: true });
  }
  cpSync(join(template, 'pglite'), join(dataDir, 'pglite'), { recursive: true });
}

export async function startApi(name: string, env: Record<string, string> = {}, opts: CreateAppOptions = {}): Promise<TestApi> {
  const dataDir = mkdtempSync(join(tmpdir(), `weegwijzer-api-${name}-`));
  const schema = DATABASE_URL ? `t_api_${name.replace(/[^a-z0-9_]/g, '_')}_${process.pid}_${seq++}` : undefined;
  await seedPglite(dataDir);
  const config = loadConfig(
    {
      WEEGWIJZER_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      ...(DATABASE_URL ? { DATABASE_URL, DATABASE_SCHEMA: schema } : {}),
      ...env,
    },
    [],
  );
  const app = await createApp(config, opts);
  let contract: Promise<ContractValidator> | undefined;
  const validator = () =>
    (contract ??= fetch(`${app.url}/api/docs-json`)
      .then((r) => r.json() as Promise<OpenApiDoc>)
      .then((doc) => new ContractValidator(doc)));
  const call: TestApi['call'] = async (path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: FormData | string | undefined;
    if (opts.body instanceof FormData) body = opts.body;
    else if (opts.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    }
    const method = opts.method ?? 'GET';
    const res = await fetch(app.url + path, { method, headers, body });
    await assertDocumented(await validator(), method, app.url + path, res);
    return res;
  };
  return {
    app,
    url: app.url,
    dataDir,
    schema,
    call,
    async stop() {
      await app.close();
      if (schema) await dropSchema(schema);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** A query on the app's operational store (for assertions the API does not offer). */
export function storeQuery<T = Record<string, unknown>>(api: TestApi, sql: string, params: unknown[] = []): Promise<T[]> {
  return api.app.store.query(sql, params);
}
