/**
 * kill -9 while requests run: the API holds every response until its audit row is committed,
 * so after a restart every request that got an answer has its row (0 lost) and the hash chain
 * verifies. The API runs as a real process (main.ts); it is killed at random moments, three
 * times, and restarted each time on the same data directory at once (taking over the stale
 * owner lock of the killed process).
 */
import { closeOperationalStore, openOperationalStore, verifyAuditChain } from '@weegwijzer/store';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runTs } from './cli';
import { DATABASE_URL, dropSchema, seedPglite, STORE } from './harness';

const MAIN = 'apps/api/src/main.ts';
const ADMIN = 'apps/api/src/cli/admin.cli.ts';

function startMain(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, MAIN)], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listens on (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.stderr!.on('data', (d) => (err += d));
    child.on('exit', (code) => reject(new Error(`the API exited (${code}) before listening: ${err.slice(-2000)}`)));
  });
}

describe(`audit rows survive kill -9 on ${STORE}`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'weegwijzer-audit-crash-'));
  const schema = DATABASE_URL ? `t_api_audit_crash_${process.pid}` : undefined;
  const env: Record<string, string> = {
    WEEGWIJZER_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PORT: '0',
    RATE_LIMIT: '0',
    ...(DATABASE_URL ? { DATABASE_URL, DATABASE_SCHEMA: schema! } : {}),
  };
  let token = '';

  beforeAll(async () => {
    await seedPglite(dataDir);
    const r = await runTs(ADMIN, ['token', 'create', '--role', 'inspectie', '--name', 'crash test'], env);
    expect(r.code, r.stderr).toBe(0);
    token = r.stdout.trim().split('\n').pop()!;
  }, 120_000);
  afterAll(async () => {
    if (schema) await dropSchema(schema);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('every answered request has its row after three kills, and the chain verifies', async () => {
    const answered: string[] = [];
    let sent = 0;
    for (let round = 0; round < 3; round++) {
      const { child, url } = await startMain(env);
      let stop = false;
      const worker = async (w: number) => {
        while (!stop) {
          const id = `crash-${round}-${w}-${randomUUID()}`;
          const path = ['/api/v1/me', '/api/v1/metrics/flow?sep=%00', '/api/health', '/api/v1/registry/regions/VR13'][sent++ % 4];
          try {
            const r = await fetch(url + path, { headers: { 'x-request-id': id, ...(w % 2 ? { authorization: `Bearer ${token}` } : {}) } });
            await r.arrayBuffer();
            answered.push(id);
          } catch {
            // The process died under this request: no answer, so no promise of a row.
          }
        }
      };
      const workers = Array.from({ length: 6 }, (_, w) => worker(w));
      // Kill at a random moment once this round has answered some requests (a busy machine is slow).
      const before = answered.length;
      while (answered.length < before + 15) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, Math.random() * 800));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      stop = true;
      await Promise.all(workers);
    }
    expect(answered.length).toBeGreaterThanOrEqual(45);

    const verify = await runTs(ADMIN, ['audit', 'verify'], env);
    expect(verify.stdout, verify.stderr).toMatch(/^audit log intact: \d+ rows, hash chain verified/);
    expect(verify.code).toBe(0);

    const ds = await openOperationalStore({ databaseUrl: DATABASE_URL, dataDir, schema });
    try {
      const rows = (await ds.query('SELECT request_id FROM audit_log WHERE request_id = ANY($1)', [answered])) as { request_id: string }[];
      const have = new Set(rows.map((r) => r.request_id));
      const lost = answered.filter((id) => !have.has(id));
      expect(lost).toEqual([]);
      expect((await verifyAuditChain(ds)).ok).toBe(true);
      console.log(`audit crash test: ${answered.length} answered requests over 3 kills, ${lost.length} rows lost, ${rows.length} rows found`);
    } finally {
      await closeOperationalStore(ds);
    }
  }, 240_000);
});
