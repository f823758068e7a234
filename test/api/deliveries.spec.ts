/**
 * Deliveries as regions make them, through the API: one `.zip` upload, and the check before
 * sending (`?dry_run=1`) that validates without loading or keeping anything.
 */
import type { BatchCheckDto, BatchDto } from '@weegwijzer/api';
import { validAssessment, validSignal, writeRawZip, writeTestBatch, zipFolder } from '@weegwijzer/etl';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, STORE, storeQuery, type TestApi } from './harness';

let api: TestApi;
let regio: string;
let regioOther: string;

function upload(...paths: string[]): FormData {
  const form = new FormData();
  for (const p of paths) form.append('files', new Blob([readFileSync(p)]), p.slice(p.lastIndexOf('/') + 1));
  return form;
}
const folderFiles = (dir: string) => readdirSync(dir).map((f) => join(dir, f));

async function batch(name: string, batchId: string, signalOverrides: Record<string, string> = {}): Promise<string> {
  return writeTestBatch(join(api.dataDir, 'test-uploads', name), {
    region: 'VR13',
    batchId,
    signals: [validSignal(1, signalOverrides), validSignal(2), validSignal(3)],
    assessments: [validAssessment(1, 1), validAssessment(2, 2)],
  });
}

async function status(id: string): Promise<BatchDto> {
  await api.app.ingestsIdle();
  return (await (await api.call(`/api/v1/batches/${encodeURIComponent(id)}`, { token: regio })).json()) as BatchDto;
}

const snapshot = async () => ((await (await api.call('/api/health')).json()) as { duckdb: { snapshot: string | null } }).duckdb.snapshot;

beforeAll(async () => {
  api = await startApi('deliveries', { RATE_LIMIT: '0' });
  const { sendControl } = await import('@weegwijzer/store');
  regio = (await sendControl<{ token: string }>(api.dataDir, 'token.create', { role: 'regio', region: 'VR13', name: 'test regio' })).token;
  regioOther = (await sendControl<{ token: string }>(api.dataDir, 'token.create', { role: 'regio', region: 'VR03', name: 'test other' })).token;
}, 120_000);
afterAll(async () => {
  await api?.stop();
});

describe(`API on ${STORE}: before the first batch is loaded`, () => {
  it("answers a metric and the attention feed 503 (ApiExceptionFilter maps the store's NoSnapshotError); freshness answers nulls", async () => {
    const { sendControl } = await import('@weegwijzer/store');
    const nctv = (await sendControl<{ token: string }>(api.dataDir, 'token.create', { role: 'nctv', name: 'test nctv' })).token;
    for (const [path, token] of [
      ['/api/v1/metrics/flow', regio],
      ['/api/v1/attention.atom', nctv],
    ]) {
      const r = await api.call(path, { token });
      expect(r.status, path).toBe(503);
      const body = (await r.json()) as Record<string, unknown>;
      expect(body).toEqual({ statusCode: 503, message: 'no data has been loaded yet: upload a batch first', error: 'Service Unavailable', requestId: expect.any(String) });
    }
    expect(await (await api.call('/api/v1/freshness', { token: regio })).json()).toEqual({ dataThrough: null, lastDelivery: null, snapshotBuiltAt: null, purgedBefore: null });
  });
});

describe(`API on ${STORE}: check before sending (dry_run=1)`, () => {
  it('reports a broken delivery and keeps nothing: no ledger row, no batch files, no new snapshot', async () => {
    const bsn = '111222333';
    const dir = await batch('dry-bad', 'VR13-dry-1', { subject_pseudonym: bsn, phenomenon: 'iets' });
    const before = await snapshot();
    const r = await api.call('/api/v1/batches?dry_run=1', { token: regio, method: 'POST', body: upload(...folderFiles(dir)) });
    expect(r.status).toBe(200);
    const body = (await r.json()) as BatchCheckDto & { report: { ok: boolean; errors: { file: string; row: number; column: string; rule: string }[] } };
    expect(body).toMatchObject({ dryRun: true, stored: false, region: 'VR13', batchId: 'VR13-dry-1' });
    expect(body.report.ok).toBe(false);
    expect(body.report.errors.map((e) => [e.file, e.row, e.column, e.rule])).toEqual([
      ['signals.csv', 1, 'subject_pseudonym', 'PII_BSN'],
      ['signals.csv', 1, 'phenomenon', 'CODE_UNKNOWN'],
    ]);
    expect(JSON.stringify(body)).not.toContain(bsn);
    expect(await storeQuery(api, `SELECT id FROM batch WHERE batch_id = 'VR13-dry-1'`)).toEqual([]);
    expect(existsSync(join(api.dataDir, 'batches', 'VR13', 'VR13-dry-1'))).toBe(false);
    expect(await snapshot()).toBe(before);
    expect((await api.call(`/api/v1/batches/${encodeURIComponent('VR13/VR13-dry-1')}`, { token: regio })).status).toBe(404);
  });

  it('says a good delivery is valid, still without loading it; a zip can be checked too', async () => {
    const dir = await batch('dry-good', 'VR13-dry-2');
    const before = await snapshot();
    for (const files of [folderFiles(dir), [await zipFolder(dir, join(api.dataDir, 'test-uploads', 'dry-good.zip'))]]) {
      const r = await api.call('/api/v1/batches?dry_run=true', { token: regio, method: 'POST', body: upload(...files) });
      expect(r.status).toBe(200);
      const body = (await r.json()) as { stored: boolean; report: { ok: boolean; counts: unknown } };
      expect(body.stored).toBe(false);
      expect(body.report).toMatchObject({ ok: true, counts: { signals: 3, assessments: 2 } });
    }
    expect(await storeQuery(api, `SELECT id FROM batch WHERE batch_id = 'VR13-dry-2'`)).toEqual([]);
    expect(await snapshot()).toBe(before);
  });

  it('refuses a bad dry_run value and another region, as a real upload would', async () => {
    const dir = await batch('dry-region', 'VR13-dry-3');
    expect((await api.call('/api/v1/batches?dry_run=yes', { token: regio, method: 'POST', body: upload(...folderFiles(dir)) })).status).toBe(400);
    expect((await api.call('/api/v1/batches?dry_run=1', { token: regioOther, method: 'POST', body: upload(...folderFiles(dir)) })).status).toBe(403);
  });
});

describe(`API on ${STORE}: a .zip upload`, () => {
  it('loads a good zip like the folder', async () => {
    const dir = await batch('zip-good', 'VR13-zip-1');
    const zip = await zipFolder(dir, join(api.dataDir, 'test-uploads', 'VR13-zip-1.zip'), { folder: 'VR13-zip-1' });
    const r = await api.call('/api/v1/batches', { token: regio, method: 'POST', body: upload(zip) });
    expect(r.status).toBe(202);
    expect(await status('VR13/VR13-zip-1')).toMatchObject({ status: 'loaded', signalRows: 3, assessmentRows: 2 });
  });

  it('rejects a zip that breaks an archive rule, keeping only the report under its batch', async () => {
    const dir = await batch('zip-bad', 'VR13-zip-2');
    const zip = await zipFolder(dir, join(api.dataDir, 'test-uploads', 'VR13-zip-2.zip'), { extra: { 'namen.csv': 'naam\nJan Jansen\n' } });
    expect((await api.call('/api/v1/batches', { token: regio, method: 'POST', body: upload(zip) })).status).toBe(202);
    const done = await status('VR13/VR13-zip-2');
    expect(done.status).toBe('rejected');
    expect((done.report as { errors: { rule: string }[] }).errors.map((e) => e.rule)).toEqual(['ARCHIVE_ENTRY_NOT_ALLOWED']);
    expect(JSON.stringify(done)).not.toMatch(/Jan|namen/);
  });

  it('refuses a zip without a manifest before queueing (400)', async () => {
    const dir = await batch('zip-nomanifest', 'VR13-zip-3');
    const zip = await zipFolder(dir, join(api.dataDir, 'test-uploads', 'nomanifest.zip'));
    writeRawZip(zip, [{ name: 'signals.csv', data: readFileSync(join(dir, 'signals.csv')) }]);
    const r = await api.call('/api/v1/batches', { token: regio, method: 'POST', body: upload(zip) });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { message: string }).message).toMatch(/no readable manifest.json/);
  });
});

describe(`API on ${STORE}: retention`, () => {
  it('refuses a malformed WEEGWIJZER_RETENTION at boot', async () => {
    const { loadConfig, ConfigError } = await import('@weegwijzer/api');
    expect(() => loadConfig({ WEEGWIJZER_RETENTION: '5 jaar' }, [])).toThrow(ConfigError);
    expect(loadConfig({ WEEGWIJZER_RETENTION: '5y' }, []).retention?.text).toBe('5y');
  });

  it('purges through the control socket and shows the term and horizon in /api/health', async () => {
    const r = await startApi('retention', { RATE_LIMIT: '0', WEEGWIJZER_RETENTION: '1y' });
    try {
      const today = new Date();
      const day = (n: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - n)).toISOString().slice(0, 10);
      const dir = await writeTestBatch(join(r.dataDir, 'old'), {
        region: 'VR13',
        batchId: 'VR13-old',
        producedAt: new Date(Date.now() - 86_400_000).toISOString(),
        period: { from: day(600), to: day(2) },
        signals: [validSignal(1, { received_at: day(500) }), validSignal(2, { received_at: day(30) })],
        assessments: [validAssessment(1, 1, { decided_at: day(490) }), validAssessment(2, 2, { decided_at: day(20) })],
      });
      const { sendControl } = await import('@weegwijzer/store');
      const loaded = await sendControl<{ batches: { outcome: string }[] }>(r.dataDir, 'ingest', { dirs: [dir] }, () => undefined);
      expect(loaded.batches[0].outcome).toBe('loaded');
      const purged = await sendControl<{ removed: unknown[]; horizon: string }>(r.dataDir, 'purge', { term: '1y' }, () => undefined);
      expect(purged.removed).toEqual([{ region_code: 'VR13', signals: 1, assessments: 1 }]);
      const health = (await (await r.call('/api/health')).json()) as { retention: { term: string; horizon: string } };
      expect(health.retention).toMatchObject({ term: '1y', horizon: purged.horizon });
    } finally {
      await r.stop();
    }
  }, 120_000);
});
