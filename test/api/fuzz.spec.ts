/**
 * Hostile input on every route: the route list comes from the OpenAPI document; NUL, lone
 * surrogates (as invalid UTF-8 and as JSON escapes), 10 KB values, deep JSON and huge numbers go
 * into every path parameter, every query parameter and every JSON body, as every role and
 * anonymously. No response may be 5xx, and every request must have its audit row. Also the
 * reproduced 500s of the beheer routes, and token expiry (401).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, storeQuery, STORE, type TestApi } from './harness';

interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, unknown> } }>>;
}

const BIG = 'x'.repeat(10_000);
/** Raw (already URL-encoded) hostile values for path and query parameters. */
const URL_VALUES = ['%00', 'a%00b', '%ED%A0%80', '%ED%B0%80x', '%C0%AF', `${BIG}`, '1e30', '-1', '99999999999999999999999', '0x10', '%F0%9F%98%80', '..%2F..%2Fetc', '%25', '[]'];
/** Raw JSON bodies. */
const BODIES = [
  '{"sourceNote":"a\\u0000b"}',
  '{"sourceNote":"\\ud800"}',
  `{"sourceNote":"${BIG}"}`,
  '{"capacityFte":1e400}',
  '{"capacityFte":99999999999999999999999999}',
  '{"keyOfficials":-1e30}',
  '['.repeat(20_000) + ']'.repeat(20_000),
  `{"a":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`,
  '{"\\u0000":1}',
  'not json',
  '[]',
  'null',
];

describe(`hostile input on every route, ${STORE}`, () => {
  let api: TestApi;
  let tokens: Record<string, string | undefined>;
  let doc: OpenApiDoc;

  beforeAll(async () => {
    api = await startApi('fuzz', { WEEGWIJZER_DEMO: '1', WEEGWIJZER_DEMO_SCALE: '0.05', WEEGWIJZER_DEMO_YEARS: '1', RATE_LIMIT: '0', RATE_LIMIT_AUTH_FAILURES: '0' });
    const pick = (role: string) => api.app.demoSessions.find((s) => s.role === role)!.token;
    tokens = { anonymous: undefined, inspectie: pick('inspectie'), nctv: pick('nctv'), regio: pick('regio'), beheer: pick('beheer') };
    doc = (await (await api.call('/api/docs-json')).json()) as OpenApiDoc;
  }, 600_000);
  afterAll(async () => {
    await api?.stop();
  });

  const send = async (path: string, method: string, token: string | undefined, body?: string) => {
    const id = `fuzz-${randomUUID()}`;
    const headers: Record<string, string> = { 'x-request-id': id };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(api.url + path, { method, headers, body });
    // A request the HTTP parser refuses (431) never shows its headers to the API: it gets an id of its own.
    return { id: r.status === 431 ? r.headers.get('x-request-id')! : id, path: path.slice(0, 120), method, status: r.status, body: (await r.text()).slice(0, 300) };
  };

  it('answers every hostile request below 500 and audits every one', async () => {
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const jobs: (() => Promise<Awaited<ReturnType<typeof send>>>)[] = [];
    for (const { path, method, op } of routes) {
      if (path === '/api/docs-json') continue;
      const query = [...(op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name), 'unknown_param'];
      const takesJson = op.requestBody?.content?.['application/json'] !== undefined;
      for (const token of Object.values(tokens)) {
        for (const value of URL_VALUES) {
          const url = path.replace(/\{[^}]+\}/g, value) + '?' + query.map((q) => `${q}=${value}`).join('&');
          jobs.push(() => send(url, method, token, takesJson ? '{}' : undefined));
        }
        if (takesJson || method === 'POST' || method === 'PUT') {
          const url = path.replace(/\{[^}]+\}/g, path.includes('regions') ? 'VR13' : 'VR13%2Fx');
          for (const body of BODIES) jobs.push(() => send(url, method, token, body));
        }
      }
    }
    const results: Awaited<ReturnType<typeof send>>[] = [];
    const queue = [...jobs];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let job = queue.shift(); job; job = queue.shift()) results.push(await job());
      }),
    );
    const failures = results.filter((r) => r.status >= 500);
    expect(failures, JSON.stringify(failures.slice(0, 5))).toEqual([]);
    const ids = results.map((r) => r.id);
    const audited = new Set((await storeQuery<{ request_id: string }>(api, 'SELECT request_id FROM audit_log WHERE request_id = ANY($1)', [ids])).map((r) => r.request_id));
    const unaudited = results.filter((r) => !audited.has(r.id));
    expect(unaudited.map((r) => `${r.method} ${r.path.slice(0, 60)} -> ${r.status}`)).toEqual([]);
    const n = audited.size;
    const statuses = new Map<number, number>();
    for (const r of results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    console.log(
      `fuzz: ${results.length} requests over ${routes.length} routes x ${Object.keys(tokens).length} callers; statuses ${JSON.stringify(Object.fromEntries(statuses))}; 0 5xx; ${n} audit rows`,
    );
  }, 600_000);

  it('answers the reproduced beheer 500s with 400 and a message saying where', async () => {
    const offset = await api.call('/api/v1/audit?offset=1e30', { token: tokens.beheer });
    expect(offset.status).toBe(400);
    expect(((await offset.json()) as { message: string[] }).message.join(' ')).toMatch(/offset must not be greater than 1000000000/);
    const nested = await api.call('/api/v1/registry/regions/VR13', { token: tokens.beheer, method: 'PUT', body: '{"sourceNote":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}' });
    expect(nested.status).toBe(400);
    expect(((await nested.json()) as { message: string }).message).toMatch(/^request body: \$\.sourceNote(\[0\])+: nested deeper than 32 levels$/);
    const nul = await api.call('/api/v1/registry/regions/VR13', { token: tokens.beheer, method: 'PUT', body: '{"sourceNote":"bron\\u0000"}' });
    expect(nul.status).toBe(400);
    expect(await nul.json()).toMatchObject({
      message: 'request body: $.sourceNote: text with a NUL character or invalid Unicode (a lone surrogate)',
      requestId: nul.headers.get('x-request-id'),
    });
  });

  it('refuses an expired token with 401', async () => {
    const { sendControl } = await import('@weegwijzer/store');
    const t = await sendControl<{ id: string; token: string }>(api.dataDir, 'token.create', { role: 'nctv', name: 'expiring', expires: '1h' });
    await storeQuery(api, "UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1", [t.id]);
    const r = await api.call('/api/v1/me', { token: t.token });
    expect(r.status).toBe(401);
    expect(await r.json()).toMatchObject({ message: 'invalid, revoked or expired token' });
  });
});
