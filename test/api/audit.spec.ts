/**
 * The audit trail cannot be escaped: hostile bytes in any audited place (NUL, lone surrogates,
 * control characters, 10 KB values) leave every request's row written; a response waits for
 * its row, and without a writable audit log the caller gets 503, not an unlogged answer; the
 * rows form a hash chain that `audit verify` checks and that detects a changed row.
 */
import { sendControl, verifyAuditChain } from '@weegwijzer/store';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, storeQuery, STORE, type TestApi } from './harness';

describe(`audit trail on ${STORE}`, () => {
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    api = await startApi('audit', { RATE_LIMIT: '0' });
    token = (await sendControl<{ token: string }>(api.dataDir, 'token.create', { role: 'inspectie', name: 'auditor' })).token;
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
  });

  const rowsFor = (ids: string[]) =>
    storeQuery<{ request_id: string; status: number; params: Record<string, unknown> | null; route: string }>(
      api,
      'SELECT request_id, status, params, route FROM audit_log WHERE request_id = ANY($1) ORDER BY id',
      [ids],
    );

  it('writes every row of a concurrent burst that mixes hostile and ordinary requests', async () => {
    const big = 'x'.repeat(10_000);
    const paths = [
      '/api/v1/metrics/flow?sep=%00',
      '/api/v1/metrics/flow?sep=%00&format=csv',
      '/api/v1/metrics/flow?regions=%ED%A0%80',
      '/api/v1/metrics/flow?regions=%F0%9F%98%80%00%01%7F',
      `/api/v1/metrics/flow?from=${big}`,
      '/api/v1/metrics/flow?regions[a][b]=1&who=%00',
      '/api/v1/registry/regions/%00',
      '/api/v1/registry/regions/%ED%A0%80',
      `/api/v1/registry/regions/${big}`,
      '/api/v1/%00/nope',
      '/api/v1/me',
      '/api/health',
    ];
    const sent: { id: string; path: string; auth: boolean }[] = [];
    for (let round = 0; round < 5; round++) {
      for (const path of paths) for (const auth of [true, false]) sent.push({ id: randomUUID(), path, auth });
    }
    const responses = await Promise.all(
      sent.map(async (s) => {
        const r = await api.call(s.path, { token: s.auth ? token : undefined, headers: { 'x-request-id': s.id } });
        const body = await r.text();
        return { ...s, status: r.status, echoed: r.headers.get('x-request-id'), body };
      }),
    );
    for (const r of responses) {
      expect(r.status, `${r.path} -> ${r.status} ${r.body.slice(0, 200)}`).toBeLessThan(500);
      expect(r.echoed).toBe(r.id);
      if (r.status >= 400) expect(JSON.parse(r.body).requestId).toBe(r.id);
    }
    const rows = await rowsFor(sent.map((s) => s.id));
    expect(rows).toHaveLength(sent.length);
    const byId = new Map(rows.map((r) => [r.request_id, r]));
    for (const r of responses) expect(byId.get(r.id)?.status, r.path).toBe(r.status);
    // The hostile values are kept as visible escapes, not dropped.
    const nul = rows.find((r) => r.params?.sep === '\\u0000');
    expect(nul).toBeDefined();
    expect(rows.every((r) => JSON.stringify(r).length < 6000)).toBe(true);
  });

  it('answers 503 (with the request id) instead of an unlogged answer while the audit log cannot be written', async () => {
    await storeQuery(api, 'ALTER TABLE audit_log RENAME TO audit_log_away');
    let r: Response;
    try {
      r = await api.call('/api/v1/metrics/flow', { token, headers: { 'x-request-id': 'while-down-1' } });
    } finally {
      await storeQuery(api, 'ALTER TABLE audit_log_away RENAME TO audit_log');
    }
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('5');
    expect(await r.json()).toEqual({
      statusCode: 503,
      message: 'the audit log cannot be written; the request was not served',
      error: 'Service Unavailable',
      requestId: 'while-down-1',
    });
    const after = await api.call('/api/v1/me', { token, headers: { 'x-request-id': 'after-restore-1' } });
    expect(after.status).toBe(200);
    expect(await rowsFor(['while-down-1', 'after-restore-1'])).toEqual([expect.objectContaining({ request_id: 'after-restore-1', status: 200 })]);
  });

  it('chains the rows and `audit verify` (over the control socket) finds them intact', async () => {
    const report = await sendControl<{ ok: boolean; rows: number; head: string }>(api.dataDir, 'audit.verify', {});
    const [{ n }] = await storeQuery<{ n: string }>(api, 'SELECT count(*) AS n FROM audit_log');
    expect(report).toEqual({ ok: true, rows: Number(n), head: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const links = await storeQuery<{ ok: boolean }>(
      api,
      "SELECT bool_and(prev_hash = prev) AS ok FROM (SELECT prev_hash, lag(hash, 1, repeat('0', 64)) OVER (ORDER BY id) AS prev FROM audit_log) x",
    );
    expect(links[0].ok).toBe(true);
  });

  it('detects a changed row and a removed row', async () => {
    await api.call('/api/v1/me', { token });
    const [first, second] = await storeQuery<{ id: string }>(api, 'SELECT id::text AS id FROM audit_log ORDER BY id LIMIT 2');
    // Only someone who can switch off the append-only trigger can do this; the chain shows it.
    await storeQuery(api, 'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
    await storeQuery(api, 'UPDATE audit_log SET status = status + 1 WHERE id = $1', [second.id]);
    expect(await verifyAuditChain(api.app.store)).toMatchObject({ ok: false, broken: { id: second.id, reason: 'hash' } });
    await storeQuery(api, 'DELETE FROM audit_log WHERE id = $1', [second.id]);
    await storeQuery(api, 'ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change');
    const third = await storeQuery<{ id: string }>(api, 'SELECT id::text AS id FROM audit_log WHERE id > $1 ORDER BY id LIMIT 1', [first.id]);
    expect(await verifyAuditChain(api.app.store)).toMatchObject({ ok: false, broken: { id: third[0].id, reason: 'prev_hash' } });
  });
});
