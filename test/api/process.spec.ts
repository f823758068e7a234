/**
 * The API and the admin CLI as processes: config fail-fast, one owner per data directory, and
 * `npm run admin -- token ...` with and without a running API, on PGlite or PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, loadConfig, type ApiApp } from '@weegwijzer/api';
import { runTs } from './cli';
import { DATABASE_URL, dropSchema, seedPglite, STORE } from './harness';

const ADMIN = 'apps/api/src/cli/admin.cli.ts';
const MAIN = 'apps/api/src/main.ts';

describe(`processes on ${STORE}`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'weegwijzer-api-process-'));
  const schema = DATABASE_URL ? `t_api_process_${process.pid}` : undefined;
  const env: Record<string, string> = {
    WEEGWIJZER_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...(DATABASE_URL ? { DATABASE_URL, DATABASE_SCHEMA: schema! } : {}),
  };
  let app: ApiApp | undefined;
  const startApi = async () => {
    app = await createApp(loadConfig({ ...env, PORT: '0' }, []));
    return app;
  };
  const stopApi = async () => {
    await app?.close();
    app = undefined;
  };
  const me = async (token: string) => (await fetch(`${app!.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status;

  beforeAll(async () => {
    await seedPglite(dataDir);
  }, 120_000);
  afterAll(async () => {
    await stopApi();
    if (schema) await dropSchema(schema);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('main refuses a bad configuration with a message naming the variable', async () => {
    const r = await runTs(MAIN, [], { ...env, WEEGWIJZER_K: '2', PORT: 'x' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Invalid configuration/);
    expect(r.stderr).toMatch(/WEEGWIJZER_K="2".*never be below 3/);
    expect(r.stderr).toMatch(/PORT="x"/);
  });

  it('main refuses demo mode on a non-loopback HOST', async () => {
    const r = await runTs(MAIN, ['--demo'], { ...env, HOST: '0.0.0.0', PORT: '0' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/HOST="0.0.0.0": demo mode offers sign-in tokens to anyone who can reach the server/);
  });

  let createdId = '';
  let createdToken = '';

  it('admin creates and lists tokens without a running API (becoming the owner itself)', async () => {
    const r = await runTs(ADMIN, ['token', 'create', '--role', 'regio', '--region', 'VR13', '--name', 'Analist Amsterdam'], env);
    expect(r.stderr).toMatch(/no API was running/);
    expect(r.code).toBe(0);
    const token = r.stdout.trim().split('\n').pop()!;
    expect(token).toMatch(/^wgw_[A-Za-z0-9_-]{43}$/);
    createdId = /id (tok_[0-9a-f]{12})/.exec(r.stdout)![1];
    createdToken = token;

    const list = await runTs(ADMIN, ['token', 'list', '--json'], env);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as { id: string; role: string; region: string; name: string }[];
    expect(rows).toEqual([expect.objectContaining({ id: createdId, role: 'regio', region: 'VR13', name: 'Analist Amsterdam', revokedAt: null })]);
    // Never the token or its hash in a listing.
    expect(list.stdout).not.toContain(token);
    expect(list.stdout).not.toMatch(/[0-9a-f]{64}/);
  });

  it('admin creates a token with an expiry and lists it; refuses a bad lifetime', async () => {
    const before = Date.now();
    const r = await runTs(ADMIN, ['token', 'create', '--role', 'nctv', '--name', 'Tijdelijk', '--expires', '90d', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const created = JSON.parse(r.stdout) as { id: string; expiresAt: string };
    expect(Date.parse(created.expiresAt) - before).toBeGreaterThanOrEqual(90 * 86_400_000);
    expect(Date.parse(created.expiresAt) - Date.now()).toBeLessThanOrEqual(90 * 86_400_000);
    const table = await runTs(ADMIN, ['token', 'list'], env);
    expect(table.stdout).toMatch(/status\s+expires\s+created/);
    expect(table.stdout).toContain(created.expiresAt.slice(0, 19));
    const bad = await runTs(ADMIN, ['token', 'create', '--role', 'nctv', '--name', 'x', '--expires', 'soon'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--expires "soon": expected a lifetime in days or hours/);
    await runTs(ADMIN, ['token', 'revoke', created.id], env);
  });

  it('admin refuses bad input with a clear message', async () => {
    const noRegion = await runTs(ADMIN, ['token', 'create', '--role', 'regio', '--name', 'x'], env);
    expect(noRegion.code).toBe(2);
    expect(noRegion.stderr).toMatch(/--region is required for role regio/);
    const badRole = await runTs(ADMIN, ['token', 'create', '--role', 'admin', '--name', 'x'], env);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/--role "admin": expected one of inspectie, nctv, regio, beheer/);
    const usage = await runTs(ADMIN, ['tokens'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage:/);
  });

  it('the token made offline works once the API runs; a second API on the same data dir is refused', async () => {
    await startApi();
    expect(await me(createdToken)).toBe(200);
    const second = await runTs(MAIN, [], { ...env, PORT: '0' });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`owned by process ${process.pid}`));
    expect(second.stderr).toMatch(/WEEGWIJZER_DATA_DIR/);
  });

  it('admin hands the work to the running API over the control socket', async () => {
    const r = await runTs(ADMIN, ['token', 'create', '--role', 'beheer', '--name', 'Beheerder Inspectie'], env);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`done by the running API, pid ${process.pid}`));
    const token = r.stdout.trim().split('\n').pop()!;
    expect(await me(token)).toBe(200);

    // Revoking through the running API takes effect at once (no stale cache).
    expect(await me(createdToken)).toBe(200);
    const rv = await runTs(ADMIN, ['token', 'revoke', createdId], env);
    expect(rv.code).toBe(0);
    expect(rv.stdout).toMatch(new RegExp(`token ${createdId} \\(Analist Amsterdam\\) revoked at`));
    expect(await me(createdToken)).toBe(401);

    const unknown = await runTs(ADMIN, ['token', 'revoke', 'tok_000000000000'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no token with id "tok_000000000000"/);
  });

  it('after the API stops, admin works on the store directly again and sees the revocation', async () => {
    await stopApi();
    const list = await runTs(ADMIN, ['token', 'list', '--json'], env);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as { id: string; revokedAt: string | null; role: string }[];
    expect(rows.map((r) => [r.role, r.revokedAt === null])).toEqual([
      ['regio', false],
      ['nctv', false],
      ['beheer', true],
    ]);
    expect(rows.find((r) => r.id === createdId)!.revokedAt).not.toBeNull();
  });
});
