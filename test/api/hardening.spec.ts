/**
 * Hardening of the HTTP surface: security headers, CORS closed by default (and open only to the
 * configured origins), rate limiting per token, body size limit, structured request logs that
 * never carry a token, the dashboard at / with SPA fallback, health and OpenAPI.
 */
import { JsonLogger, sha256Hex } from '@weegwijzer/api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, storeQuery, STORE, type TestApi } from './harness';

describe(`hardening on ${STORE}`, () => {
  let api: TestApi;
  const logLines: string[] = [];
  const dashboardDir = mkdtempSync(join(tmpdir(), 'weegwijzer-dashboard-'));
  let tokens: Record<string, string>;

  beforeAll(async () => {
    writeFileSync(join(dashboardDir, 'index.html'), '<!doctype html><title>Weegwijzer</title><div id="root"></div>');
    writeFileSync(join(dashboardDir, 'app.js'), 'console.log(1)');
    api = await startApi(
      'hardening',
      { RATE_LIMIT: '8/60s', BODY_LIMIT_BYTES: '2048', CORS_ORIGINS: 'https://dashboard.example', WEEGWIJZER_DASHBOARD_DIR: dashboardDir },
      { logger: new JsonLogger('info', (line) => logLines.push(line)) },
    );
    // Demo mode is off here: make tokens the way an administrator would (through the control
    // socket handlers' service), one per role.
    tokens = {};
    const { sendControl } = await import('@weegwijzer/store');
    for (const [key, role, region] of [
      ['inspectie', 'inspectie', null],
      ['inspectie2', 'inspectie', null],
      ['beheer', 'beheer', null],
    ] as const) {
      const t = await sendControl<{ token: string }>(api.dataDir, 'token.create', { role, region, name: `test ${key}` });
      tokens[key] = t.token;
    }
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    rmSync(dashboardDir, { recursive: true, force: true });
  });

  it('sends security headers and no-store on API responses', async () => {
    const r = await api.call('/api/v1/registry/regions', { token: tokens.inspectie });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('vary')).toMatch(/Authorization/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(r.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(r.headers.get('content-security-policy')).not.toMatch(/upgrade-insecure-requests/);
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('x-powered-by')).toBeNull();
  });

  it('answers CORS only for the configured origin', async () => {
    const evil = await api.call('/api/health', { headers: { origin: 'https://evil.example' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const ok = await api.call('/api/health', { headers: { origin: 'https://dashboard.example' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://dashboard.example');
    const preflight = await api.call('/api/v1/me', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('limits requests per token: a token over its limit gets 429, another token does not', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await api.call('/api/v1/me', { token: tokens.inspectie2 })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429, 429]);
    expect((await api.call('/api/v1/me', { token: tokens.beheer })).status).toBe(200);
  });

  it('refuses a JSON body over the limit with 413 in the API error shape', async () => {
    const r = await api.call('/api/v1/registry/regions/VR13', { token: tokens.beheer, method: 'PUT', body: { sourceNote: 'x'.repeat(5000) } });
    expect(r.status).toBe(413);
    expect(await r.json()).toEqual({ statusCode: 413, message: 'request body larger than 2048 bytes', error: 'Payload Too Large', requestId: r.headers.get('x-request-id') });
  });

  it('offers no demo sessions outside demo mode', async () => {
    const r = await api.call('/api/v1/demo/sessions');
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ statusCode: 404, message: 'demo mode is off', error: 'Not Found', requestId: r.headers.get('x-request-id') });
  });

  it('reports health without counts', async () => {
    const r = await api.call('/api/health');
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({
      status: 'ok',
      live: true,
      duckdb: { ok: true, snapshot: null, builtAt: null, message: 'no data loaded yet' },
      operationalStore: { ok: true },
      retention: { term: null, horizon: null, purgedAt: null },
    });
  });

  it('serves the OpenAPI document and its UI', async () => {
    const doc = (await (await api.call('/api/docs-json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/metrics/{name}', '/api/v1/batches', '/api/v1/audit', '/api/health']));
    const ui = await api.call('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('serves the dashboard at / with SPA fallback, while unknown API paths stay JSON 404', async () => {
    const root = await api.call('/');
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('<div id="root">');
    const deep = await api.call('/criteria?regions=VR13');
    expect(await deep.text()).toContain('<div id="root">');
    expect((await api.call('/app.js')).headers.get('content-type')).toMatch(/javascript/);
    const nope = await api.call('/api/v1/nope', { token: tokens.beheer });
    expect(nope.status).toBe(404);
    expect(await nope.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('writes one structured log line per API request, never a token', async () => {
    const before = logLines.length;
    const ok = await api.call('/api/v1/registry/regions/VR03', { token: tokens.beheer, headers: { 'x-request-id': 'client-req.1' } });
    const denied = await api.call('/api/v1/audit', { token: 'wgw_not-a-real-token', headers: { 'x-request-id': 'not a sane id; <script>' } });
    expect(ok.headers.get('x-request-id')).toBe('client-req.1');
    const generated = denied.headers.get('x-request-id')!;
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await denied.json()) as { requestId: string }).requestId).toBe(generated);
    const lines = logLines.slice(before).map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests).toEqual([
      {
        time: expect.any(String),
        level: 'info',
        msg: 'request',
        requestId: 'client-req.1',
        method: 'GET',
        route: '/api/v1/registry/regions/:code',
        status: 200,
        ms: expect.any(Number),
        role: 'beheer',
      },
      {
        time: expect.any(String),
        level: 'info',
        msg: 'request',
        requestId: generated,
        method: 'GET',
        route: '/api/v1/audit',
        status: 401,
        ms: expect.any(Number),
        role: 'anonymous',
      },
    ]);
    const audited = await storeQuery<{ request_id: string; status: number }>(api, 'SELECT request_id, status FROM audit_log WHERE request_id IN ($1, $2) ORDER BY id', [
      'client-req.1',
      generated,
    ]);
    expect(audited).toEqual([
      { request_id: 'client-req.1', status: 200 },
      { request_id: generated, status: 401 },
    ]);
    const all = logLines.join('\n');
    for (const t of [...Object.values(tokens), 'wgw_not-a-real-token']) {
      expect(all).not.toContain(t);
      expect(all).not.toContain(sha256Hex(t));
    }
  });
});
