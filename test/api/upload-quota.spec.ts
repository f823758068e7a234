/**
 * Upload volume per token: bytes in flight and per day, checked from Content-Length before the
 * body is read; over the quota the caller gets 429 with Retry-After. Attack: several large
 * concurrent uploads from one regio token (which all used to get 202).
 */
import { validAssessment, validSignal, writeTestBatch } from '@weegwijzer/etl';
import { sendControl } from '@weegwijzer/store';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, STORE, type TestApi } from './harness';

function batchFiles(dir: string): FormData {
  const form = new FormData();
  for (const name of readdirSync(dir)) if (statSync(join(dir, name)).isFile()) form.append('files', new Blob([readFileSync(join(dir, name))]), name);
  return form;
}

describe(`upload quota on ${STORE}`, () => {
  let api: TestApi;
  let regio: string;
  let other: string;
  const batches: string[] = [];

  beforeAll(async () => {
    api = await startApi('quota', { RATE_LIMIT: '0', UPLOAD_QUOTA_IN_FLIGHT_BYTES: '220000', UPLOAD_QUOTA_DAILY_BYTES: '300000' });
    regio = (await sendControl<{ token: string }>(api.dataDir, 'token.create', { role: 'regio', region: 'VR13', name: 'quota a' })).token;
    other = (await sendControl<{ token: string }>(api.dataDir, 'token.create', { role: 'regio', region: 'VR13', name: 'quota b' })).token;
    for (let b = 0; b < 6; b++) {
      batches.push(
        await writeTestBatch(join(api.dataDir, 'test-uploads', `b${b}`), {
          region: 'VR13',
          batchId: `VR13-quota-${b}`,
          signals: Array.from({ length: 800 }, (_, i) => validSignal(b * 1000 + i + 1, {}, 'VR13')),
          assessments: [validAssessment(b * 1000 + 1, b * 1000 + 1, {}, 'VR13')],
        }),
      );
    }
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
  });

  const upload = (dir: string, token: string) => api.call('/api/v1/batches', { token, method: 'POST', body: batchFiles(dir) });

  it('refuses concurrent uploads over the in-flight quota with 429 and Retry-After; another token is not affected', async () => {
    const size = new Blob([...readdirSync(batches[0]).map((n) => readFileSync(join(batches[0], n)))]).size;
    // Two fit in 220 000 bytes in flight, a third does not.
    expect(size).toBeGreaterThan(75_000);
    expect(size).toBeLessThan(105_000);
    const rs = await Promise.all(batches.slice(0, 4).map((d) => upload(d, regio)));
    const statuses = rs.map((r) => r.status).sort();
    expect(statuses).toEqual([202, 202, 429, 429]);
    const refused = rs.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ statusCode: 429, message: expect.stringMatching(/bytes of uploads in progress per token/) });
    expect((await upload(batches[4], other)).status).toBe(202);
    await api.app.ingestsIdle();
  }, 120_000);

  it('refuses uploads over the daily quota, until the window moves on', async () => {
    // Two accepted uploads (about 170 000 bytes) count against this token's day; one more fits, a fourth does not.
    expect((await upload(batches[2], regio)).status).toBe(202);
    const r = await upload(batches[5], regio);
    expect(r.status).toBe(429);
    expect(await r.json()).toMatchObject({ message: expect.stringMatching(/per 24 hours per token/) });
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(23 * 3600);
  });
});
