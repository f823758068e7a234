/**
 * `/api/metrics`: a scrape after a known mix of requests, ingests and audit-writer events finds
 * exactly those counts (as differences between two scrapes: the registry is per process);
 * anonymous and non-beheer scrapes are refused unless the address is in METRICS_ALLOW.
 */
import { TokenService } from '../../apps/api/src/auth/token.service';
import { INGESTOR } from '../../apps/api/src/app/tokens';
import { auditMetrics } from '../../apps/api/src/ops/prometheus.registry';
import { validAssessment, validSignal, writeTestBatch, type Ingestor } from '@weegwijzer/etl';
import { readSnapshotPointer } from '@weegwijzer/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, STORE, type TestApi } from '../api/harness';

type Samples = Map<string, number>;

/** Prometheus text format -> `name{a="x",b="y"}` (labels sorted) -> value. */
function parse(text: string): Samples {
  const out: Samples = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels = [...(m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((l) => `${l[1]}="${l[2]}"`).sort();
    out.set(`${m[1]}{${labels.join(',')}}`, Number(m[3]));
  }
  return out;
}

const key = (name: string, labels: Record<string, string> = {}) =>
  `${name}{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(',')}}`;

let api: TestApi;
let tokens: Record<'inspectie' | 'nctv' | 'regio' | 'beheer', string>;
let work: string;

async function scrape(token = tokens.beheer): Promise<Samples> {
  const r = await api.call('/api/metrics', { token });
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parse(await r.text());
}

beforeAll(async () => {
  api = await startApi('prom', { RATE_LIMIT: '5/1m', METRICS_ALLOW: '10.0.0.0/8' });
  const svc = api.app.nest.get(TokenService);
  const make = async (role: string) => (await svc.create({ role, region: role === 'regio' ? 'VR13' : undefined, name: `prom ${role}` })).token;
  tokens = { inspectie: await make('inspectie'), nctv: await make('nctv'), regio: await make('regio'), beheer: await make('beheer') };
  work = mkdtempSync(join(tmpdir(), 'weegwijzer-prom-'));
}, 120_000);

afterAll(async () => {
  await api?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe(`/api/metrics on ${STORE}`, () => {
  it('refuses an anonymous scrape and a role other than beheer', async () => {
    const anon = await api.call('/api/metrics');
    expect(anon.status).toBe(401);
    expect(await anon.text()).not.toMatch(/weegwijzer_/);
    for (const role of ['inspectie', 'nctv', 'regio'] as const) {
      const r = await api.call('/api/metrics', { token: tokens[role] });
      expect(r.status, role).toBe(403);
    }
  });

  it('counts a known mix of requests, ingests and audit-writer events', async () => {
    const ingestor = api.app.nest.get<Ingestor>(INGESTOR);
    const good = await writeTestBatch(join(work, 'good'), {
      batchId: 'prom-good',
      signals: [1, 2, 3].map((n) => validSignal(n)),
      assessments: [validAssessment(1, 1)],
    });
    const bad = await writeTestBatch(join(work, 'bad'), {
      batchId: 'prom-bad',
      signals: [validSignal(1, { received_at: 'gisteren' })],
      assessments: [],
    });

    const s0 = await scrape();
    const result = await ingestor.ingest([good, bad]);
    expect(result.batches.map((b) => b.outcome).sort()).toEqual(['loaded', 'rejected']);
    await ingestor.ingest([good]); // already loaded
    auditMetrics.written(7);
    auditMetrics.failed(2);
    auditMetrics.queued(11);

    const status = async (path: string, token: string | undefined, expected: number) => {
      const r = await api.call(path, { token });
      expect(r.status, `${path} ${expected}`).toBe(expected);
      await r.arrayBuffer();
    };
    for (let i = 0; i < 2; i++) await status('/api/v1/metrics', undefined, 401);
    for (let i = 0; i < 3; i++) await status('/api/v1/metrics/flow', tokens.inspectie, 200);
    // Five requests per minute per token: the sixth and seventh are rate limited.
    for (let i = 0; i < 5; i++) await status('/api/v1/metrics', tokens.nctv, 200);
    for (let i = 0; i < 2; i++) await status('/api/v1/metrics', tokens.nctv, 429);
    await status('/api/v1/audit', tokens.regio, 403);
    await status('/api/no/such/route', tokens.regio, 404);

    const s1 = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => (s1.get(key(name, labels)) ?? 0) - (s0.get(key(name, labels)) ?? 0);
    const req = (route: string, status: number, role: string) => delta('weegwijzer_http_requests_total', { route, method: 'GET', status: String(status), role });

    expect(req('/api/v1/metrics', 401, 'anonymous')).toBe(2);
    expect(req('/api/v1/metrics/:name', 200, 'inspectie')).toBe(3);
    expect(req('/api/v1/metrics', 200, 'nctv')).toBe(5);
    expect(req('/api/v1/metrics', 429, 'nctv')).toBe(2);
    expect(req('/api/v1/audit', 403, 'regio')).toBe(1);
    expect(req('unmatched', 404, 'regio')).toBe(1);
    // The first scrape itself was counted once it had been answered.
    expect(req('/api/metrics', 200, 'beheer')).toBe(1);
    expect(delta('weegwijzer_rate_limit_hits_total', { route: '/api/v1/metrics', role: 'nctv' })).toBe(2);
    expect(delta('weegwijzer_http_request_duration_seconds_count', { route: '/api/v1/metrics/:name', method: 'GET' })).toBe(3);
    expect(delta('weegwijzer_http_request_duration_seconds_count', { route: '/api/v1/metrics', method: 'GET' })).toBe(9);
    // No raw path becomes a label.
    expect([...s1.keys()].some((k) => k.includes('/api/no/such/route'))).toBe(false);

    expect(delta('weegwijzer_ingest_batches_total', { outcome: 'loaded' })).toBe(1);
    expect(delta('weegwijzer_ingest_batches_total', { outcome: 'rejected' })).toBe(1);
    expect(delta('weegwijzer_ingest_batches_total', { outcome: 'already_loaded' })).toBe(1);
    expect(delta('weegwijzer_rejected_batches_total', { rule: 'TYPE_DATE' })).toBe(1);
    expect(delta('weegwijzer_ingest_duration_seconds_count', { result: 'published' })).toBe(1);
    expect(delta('weegwijzer_ingest_duration_seconds_count', { result: 'nothing_published' })).toBe(1);
    expect(delta('weegwijzer_ingest_duration_seconds_sum', { result: 'published' })).toBeCloseTo(result.durationMs / 1000, 3);

    // The audit writer counts its own rows: the 14 requests above and the first scrape (each
    // row is committed before its response, after the scrape's body was made), plus the 7
    // reported through the hook; the queue is empty when nothing waits for the store.
    expect(delta('weegwijzer_audit_rows_written_total')).toBe(7 + 15);
    // the hook's 7 rows are one statement; the 15 requests' rows take at most one each
    const statements = delta('weegwijzer_audit_statements_total');
    expect(statements).toBeGreaterThanOrEqual(2);
    expect(statements).toBeLessThanOrEqual(1 + 15);
    expect(delta('weegwijzer_audit_rows_failed_total')).toBe(2);
    expect(s1.get(key('weegwijzer_audit_rows_queued'))).toBe(0);

    const age = s1.get(key('weegwijzer_snapshot_age_seconds'))!;
    const builtAt = Date.parse(readSnapshotPointer(api.dataDir)!.built_at);
    const scrapedAt = Date.now();
    expect(age).toBeGreaterThanOrEqual(0);
    expect(Math.abs(age - (scrapedAt - builtAt) / 1000)).toBeLessThan(5);
    expect(s1.get(key('weegwijzer_snapshot_batches'))).toBe(1);
    // Default process metrics are there too.
    expect(s1.has(key('process_resident_memory_bytes'))).toBe(true);
  }, 120_000);

  it('the scrape carries no token or credential', async () => {
    const text = await (await api.call('/api/metrics', { token: tokens.beheer })).text();
    for (const t of Object.values(tokens)) expect(text).not.toContain(t);
  });
});

describe('/api/metrics from an address in METRICS_ALLOW', () => {
  let local: TestApi;
  beforeAll(async () => {
    local = await startApi('prom-allow', { METRICS_ALLOW: '127.0.0.1,::1' });
  }, 120_000);
  afterAll(async () => {
    await local?.stop();
  });

  it('may scrape without a token', async () => {
    const r = await local.call('/api/metrics');
    expect(r.status).toBe(200);
    expect(parse(await r.text()).has(key('weegwijzer_snapshot_batches'))).toBe(true);
  });
});
