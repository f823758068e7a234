/**
 * Start-up recovery after kill -9: upload folders nobody will ingest are removed, ledger rows
 * left in validating/loading become `interrupted` (shown with "upload again"), and the stale
 * owner lock of the killed process is taken over.
 */
import { createApp, loadConfig, type ApiApp } from '@weegwijzer/api';
import { BatchEntity, closeOperationalStore, openOperationalStore } from '@weegwijzer/store';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_URL, dropSchema, seedPglite, STORE } from './harness';

describe(`start-up recovery on ${STORE}`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'weegwijzer-api-recovery-'));
  const schema = DATABASE_URL ? `t_api_recovery_${process.pid}` : undefined;
  let app: ApiApp | undefined;

  beforeAll(async () => {
    await seedPglite(dataDir);
    // What a killed API leaves behind: two ledger rows mid-ingest, one done; upload folders; its lock.
    const ds = await openOperationalStore({ databaseUrl: DATABASE_URL, dataDir, schema });
    const row = (region: string, batchId: string, status: BatchEntity['status']) => ({ id: `${region}/${batchId}`, regionCode: region, batchId, status, submittedBy: 'test' });
    await ds.getRepository(BatchEntity).insert([row('VR13', 'b-validating', 'validating'), row('VR03', 'b-loading', 'loading'), row('VR05', 'b-rejected', 'rejected')]);
    await closeOperationalStore(ds);
    for (const name of ['upload-aaaaaa', 'upload-bbbbbb']) {
      mkdirSync(join(dataDir, 'tmp', 'uploads', name), { recursive: true });
      writeFileSync(join(dataDir, 'tmp', 'uploads', name, 'signals.csv'), 'signal_id\n');
    }
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
    writeFileSync(
      join(dataDir, 'owner.lock'),
      JSON.stringify({ pid: dead, proc_start: null, hostname: hostname(), started_at: 'before the kill', socket_path: join(dataDir, 'control.sock') }),
    );
    app = await createApp(loadConfig({ WEEGWIJZER_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', ...(DATABASE_URL ? { DATABASE_URL, DATABASE_SCHEMA: schema } : {}) }, []));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    if (schema) await dropSchema(schema);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('took over the stale lock and removed the orphaned upload folders', () => {
    expect(existsSync(join(dataDir, 'owner.lock'))).toBe(true);
    expect(readdirSync(join(dataDir, 'tmp', 'uploads'))).toEqual([]);
  });

  it('marks batches left in validating/loading interrupted, and leaves settled ones alone', async () => {
    const rows = await app!.store.getRepository(BatchEntity).find({ order: { id: 'ASC' } });
    expect(rows.map((r) => [r.id, r.status])).toEqual([
      ['VR03/b-loading', 'interrupted'],
      ['VR05/b-rejected', 'rejected'],
      ['VR13/b-validating', 'interrupted'],
    ]);
    expect(JSON.stringify(rows[0].report)).toMatch(/interrupted \(the process stopped\).*deliver \(upload\) it again/);
  });

  it('shows them as interrupted through the API', async () => {
    const { sendControl } = await import('@weegwijzer/store');
    const { token } = await sendControl<{ token: string }>(dataDir, 'token.create', { role: 'beheer', name: 'recovery' });
    const list = (await (await fetch(`${app!.url}/api/v1/batches`, { headers: { authorization: `Bearer ${token}` } })).json()) as { id: string; status: string }[];
    expect(
      list
        .filter((b) => b.status === 'interrupted')
        .map((b) => b.id)
        .sort(),
    ).toEqual(['VR03/b-loading', 'VR13/b-validating']);
  });
});
