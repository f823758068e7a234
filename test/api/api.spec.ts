/**
 * The API end to end on a small demo data set (demo mode: generated, ingested, one token per
 * role): the authorisation matrix, the regio peer view, metric formats with their suppression
 * markers, the registry with history, batch upload, and the audit log.
 * Runs on PGlite, and on PostgreSQL when DATABASE_URL is set (own schema).
 */
import { loadMunicipalities, loadRegions, REGION_CODES } from '@weegwijzer/contract';
import { sha256Hex, type AuditPage, type BatchDto, type DemoSessionDto } from '@weegwijzer/api';
import { DEMO_PROFILE_NOTE, demoRegionProfiles } from '@weegwijzer/etl';
import { validAssessment, validSignal, writeTestBatch } from '@weegwijzer/etl';
import { tableFromIPC } from 'apache-arrow';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, STORE, storeQuery, type TestApi } from './harness';

type Who = 'anonymous' | 'inspectie' | 'nctv' | 'regio' | 'beheer';
const WHO: Who[] = ['anonymous', 'inspectie', 'nctv', 'regio', 'beheer'];
/** The regio token is bound to OWN; OTHER is another region. */
const OWN = 'VR13';
const OTHER = 'VR03';

let api: TestApi;
let tokens: Record<Exclude<Who, 'anonymous'>, string>;
let sessions: DemoSessionDto[];
/** Demo batch folders (already loaded) per region, for uploads. */
const demoBatch: Record<string, string> = {};

function batchFiles(dir: string): FormData {
  const form = new FormData();
  for (const name of readdirSync(dir)) {
    if (!statSync(join(dir, name)).isFile()) continue;
    form.append('files', new Blob([readFileSync(join(dir, name))]), name);
  }
  return form;
}

async function waitForBatch(id: string, token: string): Promise<BatchDto> {
  await api.app.ingestsIdle();
  const r = await api.call(`/api/v1/batches/${encodeURIComponent(id)}`, { token });
  expect(r.status).toBe(200);
  return (await r.json()) as BatchDto;
}

beforeAll(async () => {
  api = await startApi('main', { WEEGWIJZER_DEMO: '1', WEEGWIJZER_DEMO_SCALE: '0.25', WEEGWIJZER_DEMO_YEARS: '2', RATE_LIMIT: '0' });
  sessions = api.app.demoSessions;
  const pick = (role: string, region: string | null = null) => sessions.find((s) => s.role === role && s.region === region)!.token;
  tokens = { inspectie: pick('inspectie'), nctv: pick('nctv'), regio: pick('regio', OWN), beheer: pick('beheer') };
  const demoRoot = join(api.dataDir, 'demo');
  for (const region of [OWN, OTHER]) {
    const batches = readdirSync(join(demoRoot, region)).sort();
    demoBatch[region] = join(demoRoot, region, batches[0]);
  }
}, 300_000);

afterAll(async () => {
  await api?.stop();
});

describe(`API on ${STORE}: demo mode`, () => {
  it('offers one session per role, regio for the configured regions', () => {
    expect(sessions.map((s) => [s.role, s.region])).toEqual([
      ['inspectie', null],
      ['nctv', null],
      ['regio', 'VR13'],
      ['regio', 'VR03'],
      ['beheer', null],
    ]);
  });

  it('says how fresh the data is: latest received_at and latest delivery, dates only', async () => {
    const f = (await (await api.call('/api/v1/freshness', { token: tokens.nctv })).json()) as Record<string, unknown>;
    const batches = (await (await api.call('/api/v1/batches', { token: tokens.beheer })).json()) as BatchDto[];
    const latestPeriodEnd = batches
      .map((b) => b.period.to ?? '')
      .sort()
      .at(-1);
    const latestProduced = batches
      .map((b) => b.producedAt ?? '')
      .sort()
      .at(-1);
    expect(f.dataThrough).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // the month of the latest signal (a record's day is not released): its last day, not after the
    // month of the latest period end (every signal lies inside its batch's period)
    const through = f.dataThrough as string;
    expect(new Date(`${through}T00:00:00Z`).getUTCDate()).toBe(new Date(Date.UTC(Number(through.slice(0, 4)), Number(through.slice(5, 7)), 0)).getUTCDate());
    expect(through.slice(0, 7) <= (latestPeriodEnd as string).slice(0, 7)).toBe(true);
    expect(f.lastDelivery).toBe(latestProduced?.slice(0, 10));
    expect(Object.keys(f).sort()).toEqual(['dataThrough', 'lastDelivery', 'purgedBefore', 'snapshotBuiltAt']);
    expect(f.purgedBefore).toBeNull(); // no retention term in this run
  });

  it('never hands out a beheer token from the unauthenticated sessions route', async () => {
    const offered = (await (await api.call('/api/v1/demo/sessions')).json()) as { role: string; token: string }[];
    expect(offered.map((s) => s.role)).toEqual(['inspectie', 'nctv', 'regio', 'regio']);
    expect(JSON.stringify(offered)).not.toContain(tokens.beheer);
  });

  it('reports health with the served snapshot', async () => {
    const h = await (await api.call('/api/health')).json();
    expect(h).toMatchObject({ status: 'ok', duckdb: { ok: true, snapshot: expect.any(String) }, operationalStore: { ok: true } });
  });
});

describe(`API on ${STORE}: authorisation matrix`, () => {
  const batchId = (region: string) => `${region}/${JSON.parse(readFileSync(join(demoBatch[region], 'manifest.json'), 'utf8')).batch_id}`;
  /**
   * Every route × caller, with the regio caller bound to VR13 (own) and VR03 as the other
   * region. Expected statuses, written out: 401 no credentials, 403 role or region refused.
   *                                                                   anonymous inspectie nctv regio beheer
   */
  const MATRIX: [method: string, route: string, variant: string, path: () => string, expect: [number, number, number, number, number], body?: () => unknown][] = [
    ['GET', '/api/health', '', () => '/api/health', [200, 200, 200, 200, 200]],
    ['GET', '/api/docs-json', '', () => '/api/docs-json', [200, 200, 200, 200, 200]],
    ['GET', '/api/metrics', 'Prometheus (METRICS_ALLOW unset)', () => '/api/metrics', [401, 403, 403, 403, 200]],
    ['GET', '/api/v1/demo/sessions', '', () => '/api/v1/demo/sessions', [200, 200, 200, 200, 200]],
    ['GET', '/api/v1/me', '', () => '/api/v1/me', [401, 200, 200, 200, 200]],
    ['GET', '/api/v1/metrics', '', () => '/api/v1/metrics', [401, 200, 200, 200, 200]],
    ['GET', '/api/v1/metrics/{name}', 'flow, default scope', () => '/api/v1/metrics/flow', [401, 200, 200, 200, 200]],
    ['GET', '/api/v1/metrics/{name}', 'flow, own region', () => `/api/v1/metrics/flow?regions=${OWN}`, [401, 200, 200, 200, 200]],
    ['GET', '/api/v1/metrics/{name}', 'flow, other region', () => `/api/v1/metrics/flow?regions=${OTHER}`, [401, 200, 200, 403, 200]],
    ['GET', '/api/v1/metrics/{name}', 'dropoff, own + other region', () => `/api/v1/metrics/dropoff?regions=${OWN},${OTHER}`, [401, 200, 200, 403, 200]],
    ['GET', '/api/v1/metrics/{name}', 'reassessment_consistency (links persons)', () => '/api/v1/metrics/reassessment_consistency', [401, 200, 403, 403, 403]],
    ['GET', '/api/v1/metrics/{name}', 'unknown metric', () => '/api/v1/metrics/no_such_metric', [401, 404, 404, 404, 404]],
    ['GET', '/api/v1/registry/regions', '', () => '/api/v1/registry/regions', [401, 200, 200, 200, 200]],
    ['GET', '/api/v1/registry/regions/{code}', 'own', () => `/api/v1/registry/regions/${OWN}`, [401, 200, 200, 200, 200]],
    ['GET', '/api/v1/registry/regions/{code}', 'other', () => `/api/v1/registry/regions/${OTHER}`, [401, 200, 200, 403, 200]],
    ['PUT', '/api/v1/registry/regions/{code}', 'own', () => `/api/v1/registry/regions/${OWN}`, [401, 403, 403, 403, 200], () => ({ keyOfficials: 2 })],
    ['PUT', '/api/v1/registry/regions/{code}', 'other', () => `/api/v1/registry/regions/${OTHER}`, [401, 403, 403, 403, 200], () => ({ keyOfficials: 3 })],
    ['GET', '/api/v1/registry/regions/{code}/history', 'own', () => `/api/v1/registry/regions/${OWN}/history`, [401, 200, 200, 200, 200]],
    ['GET', '/api/v1/registry/regions/{code}/history', 'other', () => `/api/v1/registry/regions/${OTHER}/history`, [401, 200, 200, 403, 200]],
    ['GET', '/api/v1/registry/municipalities', 'all', () => '/api/v1/registry/municipalities', [401, 200, 200, 200, 200]],
    ['GET', '/api/v1/registry/municipalities', 'own', () => `/api/v1/registry/municipalities?region=${OWN}`, [401, 200, 200, 200, 200]],
    ['GET', '/api/v1/registry/municipalities', 'other', () => `/api/v1/registry/municipalities?region=${OTHER}`, [401, 200, 200, 403, 200]],
    ['GET', '/api/v1/registry/boundaries', '', () => '/api/v1/registry/boundaries', [401, 200, 200, 200, 200]],
    ['POST', '/api/v1/batches', 'own region batch', () => '/api/v1/batches', [401, 403, 403, 202, 202], () => batchFiles(demoBatch[OWN])],
    ['POST', '/api/v1/batches', 'other region batch', () => '/api/v1/batches', [401, 403, 403, 403, 202], () => batchFiles(demoBatch[OTHER])],
    ['GET', '/api/v1/batches', '', () => '/api/v1/batches', [401, 200, 403, 200, 200]],
    ['GET', '/api/v1/batches/{id}', 'own', () => `/api/v1/batches/${encodeURIComponent(batchId(OWN))}`, [401, 200, 403, 200, 200]],
    ['GET', '/api/v1/batches/{id}', 'other', () => `/api/v1/batches/${encodeURIComponent(batchId(OTHER))}`, [401, 200, 403, 403, 200]],
    ['GET', '/api/v1/audit', '', () => '/api/v1/audit', [401, 403, 403, 403, 200]],
    ['GET', '/api/v1/freshness', '', () => '/api/v1/freshness', [401, 200, 200, 200, 200]],
    ['GET', '/api/v1/attention.atom', '', () => '/api/v1/attention.atom', [401, 200, 200, 403, 200]],
  ];

  it('covers every route of the OpenAPI document', async () => {
    const doc = (await (await api.call('/api/docs-json')).json()) as { paths: Record<string, Record<string, unknown>> };
    // Each metric's own route (/api/v1/metrics/flow, …) is the {name} route with that name.
    const route = (path: string) => path.replace(/^\/api\/v1\/metrics\/[a-z_]+$/, '/api/v1/metrics/{name}');
    const documented = [...new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${route(path)}`)))];
    const tested = new Set(MATRIX.map(([m, route]) => `${m} ${route}`));
    const missing = documented.filter((d) => !tested.has(d));
    expect(missing).toEqual([]);
  });

  for (const [method, route, variant, path, expected, body] of MATRIX) {
    it(`${method} ${route}${variant ? ` (${variant})` : ''}`, async () => {
      const got: number[] = [];
      for (const who of WHO) {
        const r = await api.call(path(), { method, token: who === 'anonymous' ? undefined : tokens[who], body: body?.() });
        got.push(r.status);
        if (r.status === 202) await api.app.ingestsIdle();
      }
      expect(Object.fromEntries(WHO.map((w, i) => [w, got[i]]))).toEqual(Object.fromEntries(WHO.map((w, i) => [w, expected[i]])));
    });
  }
});

describe(`API on ${STORE}: the regio peer view`, () => {
  const others = loadRegions().filter((r) => r.code !== OWN);
  /** Other regions' codes and names as whole words; own municipality names excluded from the check. */
  function leaks(text: string): string[] {
    const found: string[] = [];
    for (const r of others) {
      if (new RegExp(`\\b${r.code}\\b`).test(text)) found.push(r.code);
      if (text.includes(r.name)) found.push(r.name);
    }
    return found;
  }

  it('never shows another region by code or name, in any metric, any format, or any registry answer', async () => {
    const cat = (await (await api.call('/api/v1/metrics', { token: tokens.regio })).json()) as { name: string }[];
    expect(cat.length).toBeGreaterThanOrEqual(10);
    const paths = [
      ...cat.flatMap((m) => [`/api/v1/metrics/${m.name}`, `/api/v1/metrics/${m.name}?format=csv`, `/api/v1/metrics/${m.name}?regions=${OWN}&format=csv&sep=;`]),
      '/api/v1/me',
      '/api/v1/registry/regions',
      `/api/v1/registry/regions/${OWN}`,
      `/api/v1/registry/regions/${OWN}/history`,
      '/api/v1/registry/municipalities',
      '/api/v1/registry/boundaries',
      '/api/v1/batches',
      // Refusals must not echo the other region either.
      `/api/v1/metrics/flow?regions=${OTHER}`,
      `/api/v1/registry/regions/${OTHER}`,
    ];
    const problems: string[] = [];
    for (const p of paths) {
      const r = await api.call(p, { token: tokens.regio });
      if (![200, 403].includes(r.status)) problems.push(`${p}: status ${r.status}`);
      const text = await r.text();
      const l = leaks(text);
      if (l.length > 0) problems.push(`${p}: ${l.join(', ')}`);
    }
    for (const m of cat) {
      const r = await api.call(`/api/v1/metrics/${m.name}?format=arrow`, { token: tokens.regio });
      const t = tableFromIPC(new Uint8Array(await r.arrayBuffer()));
      const text = JSON.stringify([...t.schema.metadata.entries()]) + JSON.stringify(t.toArray());
      const l = leaks(text);
      if (l.length > 0) problems.push(`${m.name} (arrow): ${l.join(', ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('shows the own region next to an anonymous distribution over at least three other regions', async () => {
    const r = (await (await api.call('/api/v1/metrics/flow', { token: tokens.regio })).json()) as {
      scope: { regions: string[]; peer_regions?: number };
      rows: { group: string; region_code: string | null }[];
    };
    expect(r.scope.regions).toEqual([OWN]);
    expect(r.scope.peer_regions).toBeGreaterThanOrEqual(3);
    expect(r.rows.map((x) => x.group).sort()).toEqual(['own', 'peer_max', 'peer_median', 'peer_min', 'peer_q1', 'peer_q3']);
    for (const row of r.rows) expect(row.region_code).toBe(row.group === 'own' ? OWN : null);
  });

  it('gives the municipalities and boundaries of the own region only', async () => {
    const ms = (await (await api.call('/api/v1/registry/municipalities', { token: tokens.regio })).json()) as { code: string; regionCode: string }[];
    const expected = loadMunicipalities()
      .filter((m) => m.regionCode === OWN)
      .map((m) => m.code)
      .sort();
    expect(ms.map((m) => m.code).sort()).toEqual(expected);
    const topo = (await (await api.call('/api/v1/registry/boundaries', { token: tokens.regio })).json()) as {
      objects: Record<string, { geometries: { properties?: { code?: string } }[] }>;
    };
    expect(topo.objects.vr_features.geometries.map((g) => g.properties?.code)).toEqual([OWN]);
    expect(topo.objects.gm_features.geometries.map((g) => g.properties?.code).sort()).toEqual(expected);
    expect(topo.objects.nl_features.geometries).toHaveLength(1);
  });
});

describe(`API on ${STORE}: metric formats`, () => {
  interface Json {
    metric: string;
    k: number;
    scope: unknown;
    columns: { name: string; kind: string }[];
    rows: Record<string, unknown>[];
    suppressed: { row: number; column: string; reason: string }[];
  }
  let json: Json;
  const path = '/api/v1/metrics/flow?from=2024-01-01&to=2025-12-31';

  beforeAll(async () => {
    const r = await api.call(path, { token: tokens.inspectie });
    expect(r.status).toBe(200);
    json = (await r.json()) as Json;
    // The fixture must exercise suppression: small demo data always has some small counts.
    expect(json.suppressed.length).toBeGreaterThan(0);
  });

  it('sends JSON with no-store and Vary: Authorization', async () => {
    const r = await api.call(path, { token: tokens.inspectie });
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('vary')).toMatch(/Authorization/);
    for (const s of json.suppressed) expect(json.rows[s.row][s.column]).toBeNull();
    for (const c of json.columns.filter((c) => c.kind === 'count')) {
      for (const row of json.rows) {
        const v = row[c.name];
        expect(v === null || v === 0 || (typeof v === 'number' && v >= json.k), `${c.name}=${v}`).toBe(true);
      }
    }
  });

  function parseCsv(text: string, sep: string): string[][] {
    return text
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter((l) => l !== '')
      .map((l) => l.split(sep).map((c) => c.replace(/^"(.*)"$/, '$1')));
  }

  it.each<[string, Record<string, string>, string]>([
    ['?format=csv', {}, ','],
    ['&format=csv&sep=;', {}, ';'],
    ['', { accept: 'text/csv' }, ','],
  ])('sends CSV (%s %j) with a BOM, the same cells, and x where a value is suppressed', async (suffix, headers, sep) => {
    const r = await api.call(path + (suffix.startsWith('?') ? '&' + suffix.slice(1) : suffix), { token: tokens.inspectie, headers });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    const buf = new Uint8Array(await r.arrayBuffer());
    expect([...buf.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [head, ...rows] = parseCsv(new TextDecoder().decode(buf), sep);
    expect(head).toEqual(json.columns.map((c) => c.name));
    expect(rows).toHaveLength(json.rows.length);
    const hidden = new Set(json.suppressed.map((s) => `${s.row}:${s.column}`));
    rows.forEach((cells, i) => {
      json.columns.forEach((c, j) => {
        const v = json.rows[i][c.name];
        if (hidden.has(`${i}:${c.name}`)) expect(cells[j]).toBe('x');
        else if (v === null) expect(cells[j]).toBe('');
        else if (typeof v === 'number') expect(Number(cells[j].replace(',', '.'))).toBeCloseTo(v, 9);
        else expect(cells[j]).toBe(String(v));
      });
    });
  });

  it('sends Arrow IPC whose nulls and schema metadata carry the suppression', async () => {
    const variants: { suffix: string; headers: Record<string, string> }[] = [
      { suffix: '&format=arrow', headers: {} },
      { suffix: '', headers: { accept: 'application/vnd.apache.arrow.stream' } },
    ];
    for (const how of variants) {
      const r = await api.call(path + how.suffix, { token: tokens.inspectie, headers: how.headers });
      expect(r.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
      const t = tableFromIPC(new Uint8Array(await r.arrayBuffer()));
      expect(t.numRows).toBe(json.rows.length);
      expect(t.schema.fields.map((f) => [f.name, f.metadata.get('weegwijzer.kind')])).toEqual(json.columns.map((c) => [c.name, c.kind]));
      expect(JSON.parse(t.schema.metadata.get('weegwijzer.suppressed')!)).toEqual(json.suppressed);
      expect(Number(t.schema.metadata.get('weegwijzer.k'))).toBe(json.k);
      expect(JSON.parse(t.schema.metadata.get('weegwijzer.scope')!)).toEqual(json.scope);
      json.rows.forEach((row, i) => {
        for (const c of json.columns) {
          const got = t.getChild(c.name)!.get(i);
          if (row[c.name] === null) expect(got).toBeNull();
          else if (typeof row[c.name] === 'number') expect(Number(got)).toBeCloseTo(row[c.name] as number, 9);
          else expect(got).toBe(row[c.name]);
        }
      });
    }
  });

  it.each([
    ['/api/v1/metrics/flow?region=VR13', /unknown query parameter "region" for metric flow; allowed: regions, from, to/],
    ['/api/v1/metrics/flow?regions=VR99', /unknown region code 'VR99' in regions \(expected VR01..VR25\)/],
    ['/api/v1/metrics/flow?from=2024-02-30', /'from' is not a calendar date/],
    ['/api/v1/metrics/flow?from=2024-02-10', /first day of a month/],
    ['/api/v1/metrics/flow?to=2024-02-10', /last day of a month/],
    ['/api/v1/metrics/flow?from=2025-01-01&to=2024-01-31', /'from' \(2025-01-01\) is after 'to' \(2024-01-31\)/],
    ['/api/v1/metrics/flow?phenomenon=links', /unknown phenomenon 'links' \(allowed: jihadisme/],
    ['/api/v1/metrics/trend?by=colour', /parameter 'by' of metric 'trend' must be one of/],
    ['/api/v1/metrics/flow?format=xlsx', /format: expected one of json, csv, arrow/],
    ['/api/v1/metrics/flow?regions=VR13&regions=VR03', /regions may be given only once/],
  ])('refuses %s with 400 and says why', async (p, message) => {
    const r = await api.call(p, { token: tokens.inspectie });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { message: string }).message).toMatch(message);
  });
});

describe(`API on ${STORE}: registry`, () => {
  it('lists the 25 regions with their CBS names; profile fields unknown unless the report states them or demo mode fills them, labelled', async () => {
    const regions = (await (await api.call('/api/v1/registry/regions', { token: tokens.nctv })).json()) as Record<string, unknown>[];
    expect(regions.map((r) => [r.code, r.name])).toEqual(loadRegions().map((r) => [r.code, r.name]));
    expect(regions.map((r) => r.code)).toEqual(REGION_CODES);
    const demo = demoRegionProfiles(1);
    const vr01 = regions.find((r) => r.code === 'VR01')!;
    for (const f of ['covenantAdaptation', 'covenantPublishedStaatscourant', 'referenceFrameworkPublished', 'weegploegOrganisation', 'frameworks']) {
      expect(vr01[f], f).toBeNull();
    }
    // demo mode: the knelpunt 1 and 4 fields hold the generator's values, labelled as fictitious
    for (const f of ['keyOfficials', 'capacityFte', 'covenantSigned', 'covenantStartDate'] as const) expect(vr01[f], f).toEqual(demo.VR01[f]);
    expect(vr01.sourceNote).toBe(DEMO_PROFILE_NOTE);
    expect(regions.filter((r) => typeof r.keyOfficials === 'number' && typeof r.capacityFte === 'number' && (r.capacityFte as number) > 0)).toHaveLength(25);
    // The report (§3.1.1): none of its four regions' covenants or frameworks were found in the Staatscourant.
    for (const code of ['VR13', 'VR22', 'VR24', 'VR03']) {
      const r = regions.find((x) => x.code === code)!;
      expect(r.covenantPublishedStaatscourant).toBe(false);
      expect(r.referenceFrameworkPublished).toBe(false);
      expect(r.covenantSigned).toBe(demo[code].covenantSigned);
      expect(r.sourceNote).toMatch(/§3\.1\.1/);
      expect(r.sourceNote).toMatch(/^DEMO — fictieve waarden/);
    }
  });

  it('gives municipalities with their population on 1 January 2022', async () => {
    const ms = (await (await api.call('/api/v1/registry/municipalities', { token: tokens.inspectie })).json()) as {
      code: string;
      name: string;
      regionCode: string;
      populations: { year: number; population: number }[];
    }[];
    expect(ms).toHaveLength(342);
    // Amsterdam incl. Weesp, CBS 1-1-2022 (libs/contract/reference/SOURCES.md).
    expect(ms.find((m) => m.code === 'GM0363')).toEqual({ code: 'GM0363', name: 'Amsterdam', regionCode: 'VR13', populations: [{ year: 2022, population: 903399 }] });
    expect(ms.reduce((s, m) => s + m.populations[0].population, 0)).toBe(17_590_672);
  });

  it('lets beheer change a profile and keeps who changed what, old and new, when', async () => {
    const before = (await (await api.call('/api/v1/registry/regions/VR22', { token: tokens.beheer })).json()) as Record<string, unknown>;
    const put = await api.call('/api/v1/registry/regions/VR22', {
      token: tokens.beheer,
      method: 'PUT',
      body: {
        covenantSigned: true,
        covenantStartDate: '2019-05-01',
        weegploegOrganisation: 'regionaal',
        capacityFte: 1.25,
        frameworks: { politie: ['le_model'], gemeente: ['niet_pluis', 'ica'] },
      },
    });
    expect(put.status).toBe(200);
    const after = (await put.json()) as Record<string, unknown>;
    expect(after).toMatchObject({
      code: 'VR22',
      covenantSigned: true,
      covenantStartDate: '2019-05-01',
      weegploegOrganisation: 'regionaal',
      capacityFte: 1.25,
      frameworks: { gemeente: ['ica', 'niet_pluis'], politie: ['le_model'] },
      covenantPublishedStaatscourant: false,
      updatedBy: 'demo:beheer',
    });
    // Same values again: nothing changes, no history entry.
    await api.call('/api/v1/registry/regions/VR22', { token: tokens.beheer, method: 'PUT', body: { covenantSigned: true, capacityFte: 1.25 } });
    // Back to unknown.
    await api.call('/api/v1/registry/regions/VR22', { token: tokens.beheer, method: 'PUT', body: { capacityFte: null } });
    const history = (await (await api.call('/api/v1/registry/regions/VR22/history', { token: tokens.inspectie })).json()) as {
      changedBy: string;
      changedAt: string;
      changes: Record<string, { old: unknown; new: unknown }>;
    }[];
    // newest first: back to unknown, the change, and the labelled demo values of the first demo start
    expect(history).toHaveLength(3);
    expect(history[0].changes).toEqual({ capacityFte: { old: 1.25, new: null } });
    const wanted: Record<string, unknown> = {
      covenantSigned: true,
      covenantStartDate: '2019-05-01',
      weegploegOrganisation: 'regionaal',
      capacityFte: 1.25,
      frameworks: { gemeente: ['ica', 'niet_pluis'], politie: ['le_model'] },
    };
    const changed = Object.fromEntries(
      Object.entries(wanted)
        .filter(([k, v]) => JSON.stringify(before[k]) !== JSON.stringify(v))
        .map(([k, v]) => [k, { old: before[k], new: v }]),
    );
    expect(Object.keys(changed)).toEqual(expect.arrayContaining(['covenantStartDate', 'weegploegOrganisation', 'capacityFte', 'frameworks']));
    expect(history[1]).toMatchObject({ changedBy: 'demo:beheer', changes: changed });
    expect(history[2].changedBy).toBe('demo');
    expect(history[2].changes.keyOfficials).toEqual({ old: null, new: demoRegionProfiles(1).VR22.keyOfficials });
    expect(Date.parse(history[1].changedAt)).toBeLessThanOrEqual(Date.parse(history[0].changedAt));
  });

  it.each([
    [{ weegploegOrganisation: 'landelijk' }, /weegploegOrganisation must be one of the following values/],
    [{ covenantStartDate: '2019-02-30' }, /covenantStartDate "2019-02-30" is not a calendar date/],
    [{ frameworks: { gemeente: ['astrologie'] } }, /frameworks.gemeente: expected a list of framework codes/],
    [{ frameworks: { burger: [] } }, /frameworks.burger: unknown party/],
    [{ keyOfficials: -1 }, /keyOfficials must not be less than 0/],
    [{ name: 'Nieuw' }, /property name should not exist/],
    [{}, /nothing to change/],
  ])('refuses a bad profile change %j', async (change, message) => {
    const r = await api.call('/api/v1/registry/regions/VR22', { token: tokens.beheer, method: 'PUT', body: change });
    expect(r.status).toBe(400);
    const body = (await r.json()) as { message: string | string[] };
    expect([body.message].flat().join('; ')).toMatch(message);
  });
});

describe(`API on ${STORE}: attention feed and signals per FTE`, () => {
  type Entry = { id: string; title: string; updated: string; category: { '@_term': string } };
  const parseFeed = (xml: string) =>
    new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'entry' }).parse(xml).feed as { id: string; updated: string; entry?: Entry[]; link: { '@_href': string } };

  it('lists the flagged rows of metric attention as well-formed Atom, with stable ids and the snapshot build time', async () => {
    const path = '/api/v1/attention.atom?from=2024-01&to=2025-12';
    const r = await api.call(path, { token: tokens.nctv });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/atom\+xml; charset=utf-8/);
    const xml = await r.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = parseFeed(xml);
    // the self link carries the query with its & escaped (the parser unescapes it)
    expect(feed.link['@_href']).toBe(path);
    const health = await (await api.call('/api/health')).json();
    expect(feed.updated).toBe(new Date(health.duckdb.builtAt).toISOString());
    const metric = await (await api.call('/api/v1/metrics/attention?from=2024-01&to=2025-12', { token: tokens.nctv })).json();
    const flagged = (metric.rows as Record<string, unknown>[]).filter((x) => x.flag === true);
    const entries = feed.entry ?? [];
    expect(entries.map((e) => e.id)).toEqual(flagged.map((x) => `urn:weegwijzer:attention:${x.period}:${x.region_code ?? 'NL'}:${x.series}`));
    expect(entries.map((e) => e.category['@_term'])).toEqual(flagged.map((x) => x.series));
    for (const e of entries) expect(e.updated).toBe(feed.updated);
    // (which rows are flagged at this small demo scale depends on the instance's record-key
    // secret, i.e. the noise; the Atom rendering of non-empty feeds is in attention-feed.spec.ts)
    expect(metric.rows.length).toBeGreaterThan(0);
    // the same request again: the same ids
    const again = parseFeed(await (await api.call(path, { token: tokens.inspectie })).text());
    expect((again.entry ?? []).map((e) => e.id)).toEqual(entries.map((e) => e.id));
  });

  it('refuses a bad scope with 400 and a regio token with 403', async () => {
    const bad = await api.call('/api/v1/attention.atom?from=2024-13', { token: tokens.nctv });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/from/);
    expect((await api.call('/api/v1/attention.atom?bogus=1', { token: tokens.nctv })).status).toBe(400);
    expect((await api.call('/api/v1/attention.atom', { token: tokens.regio })).status).toBe(403);
  });

  it('flow gives signals_per_fte = released signals / the registry FTE, and follows a registry edit', async () => {
    const fteOf = async () =>
      Object.fromEntries(
        ((await (await api.call('/api/v1/registry/regions', { token: tokens.nctv })).json()) as { code: string; capacityFte: number | null }[]).map((x) => [x.code, x.capacityFte]),
      );
    const flow = async () => (await (await api.call('/api/v1/metrics/flow', { token: tokens.nctv })).json()).rows as Record<string, unknown>[];
    const fte = await fteOf();
    const rows = await flow();
    let checked = 0;
    for (const row of rows.filter((x) => x.group === 'region')) {
      const f = fte[row.region_code as string];
      const expected = typeof f === 'number' && f > 0 && typeof row.signals === 'number' ? row.signals / f : null;
      expect(row.signals_per_fte, row.region_code as string).toBe(expected);
      if (expected !== null) checked++;
    }
    expect(checked).toBeGreaterThan(20);
    // edit VR05's FTE: the next answer uses it (the cached result is keyed on the reference)
    const before = fte.VR05;
    const put = await api.call('/api/v1/registry/regions/VR05', { token: tokens.beheer, method: 'PUT', body: { capacityFte: 4 } });
    expect(put.status).toBe(200);
    const vr05 = (await flow()).find((x) => x.region_code === 'VR05')!;
    expect(vr05.signals_per_fte).toBe((vr05.signals as number) / 4);
    await api.call('/api/v1/registry/regions/VR05', { token: tokens.beheer, method: 'PUT', body: { capacityFte: before } });
  });
});

describe(`API on ${STORE}: batches`, () => {
  it('ingests an uploaded batch in the background: 202, then loaded, and the data is served', async () => {
    const dir = await writeTestBatch(join(api.dataDir, 'test-uploads', 'ok'), {
      region: OWN,
      batchId: 'VR13-test-upload-1',
      signals: [validSignal(1, {}, OWN), validSignal(2, {}, OWN)],
      assessments: [validAssessment(1, 1, {}, OWN)],
    });
    const snapshotBefore = ((await (await api.call('/api/health')).json()) as { duckdb: { snapshot: string } }).duckdb.snapshot;
    const r = await api.call('/api/v1/batches', { token: tokens.regio, method: 'POST', body: batchFiles(dir) });
    expect(r.status).toBe(202);
    const accepted = (await r.json()) as { id: string; status: string; location: string };
    expect(accepted).toEqual({
      id: 'VR13/VR13-test-upload-1',
      region: OWN,
      batchId: 'VR13-test-upload-1',
      status: 'queued',
      location: '/api/v1/batches/VR13%2FVR13-test-upload-1',
    });
    const done = await waitForBatch(accepted.id, tokens.regio);
    expect(done).toMatchObject({ status: 'loaded', lastOutcome: 'loaded', signalRows: 2, assessmentRows: 1, submittedBy: 'demo:regio:VR13' });
    const snapshotAfter = ((await (await api.call('/api/health')).json()) as { duckdb: { snapshot: string } }).duckdb.snapshot;
    expect(snapshotAfter).not.toBe(snapshotBefore);
    // The batch list of the region has it; the inspectorate sees counts below k as null.
    const list = (await (await api.call('/api/v1/batches', { token: tokens.regio })).json()) as BatchDto[];
    expect(list.every((b) => b.region === OWN)).toBe(true);
    expect(list.some((b) => b.id === accepted.id)).toBe(true);
    const asInspectie = await waitForBatch(accepted.id, tokens.inspectie);
    expect(asInspectie.signalRows).toBeNull();
    expect(asInspectie.assessmentRows).toBeNull();
  });

  it('keeps only the report of a rejected batch: file, row, column, rule — never the value', async () => {
    const bsn = '111222333';
    const dir = await writeTestBatch(join(api.dataDir, 'test-uploads', 'bad'), {
      region: OWN,
      batchId: 'VR13-test-upload-2',
      signals: [validSignal(11, {}, OWN), validSignal(12, { signal_id: bsn }, OWN)],
      assessments: [validAssessment(11, 11, {}, OWN)],
    });
    const r = await api.call('/api/v1/batches', { token: tokens.beheer, method: 'POST', body: batchFiles(dir) });
    expect(r.status).toBe(202);
    const done = await waitForBatch('VR13/VR13-test-upload-2', tokens.beheer);
    expect(done.status).toBe('rejected');
    expect(done.lastOutcome).toBe('rejected');
    const report = JSON.stringify(done.report);
    expect(report).toMatch(/signals/);
    expect(report).not.toContain(bsn);
  });

  it('refuses uploads without a manifest, with stray names, or for another region', async () => {
    const noManifest = new FormData();
    noManifest.append('files', new Blob(['a,b\n']), 'signals.csv');
    const r1 = await api.call('/api/v1/batches', { token: tokens.beheer, method: 'POST', body: noManifest });
    expect(r1.status).toBe(400);
    expect(((await r1.json()) as { message: string }).message).toMatch(/no manifest.json among the uploaded files \(signals.csv\)/);

    const badName = new FormData();
    badName.append('files', new Blob(['{}']), '../manifest.json');
    const r2 = await api.call('/api/v1/batches', { token: tokens.beheer, method: 'POST', body: badName });
    expect(r2.status).toBe(400);

    const wrongField = new FormData();
    wrongField.append('upload', new Blob(['{}']), 'manifest.json');
    expect((await api.call('/api/v1/batches', { token: tokens.beheer, method: 'POST', body: wrongField })).status).toBe(400);

    const other = await api.call('/api/v1/batches', { token: tokens.regio, method: 'POST', body: batchFiles(demoBatch[OTHER]) });
    expect(other.status).toBe(403);
    expect(((await other.json()) as { message: string }).message).toBe(`a regio token may only deliver batches for its own region (${OWN})`);
  });
});

describe(`API on ${STORE}: audit log`, () => {
  it('gets exactly one entry per request, denied ones included, in order', async () => {
    await api.app.flushAudit();
    const [{ n: before }] = await storeQuery<{ n: string | number }>(api, 'SELECT count(*) AS n FROM audit_log');
    const requests: [string, { token?: string; method?: string; body?: unknown }, number, string][] = [
      ['/api/v1/metrics/flow?regions=VR13&from=2024-01-01', { token: tokens.regio }, 200, '/api/v1/metrics/:name'],
      ['/api/v1/metrics/flow?regions=VR03', { token: tokens.regio }, 403, '/api/v1/metrics/:name'],
      ['/api/v1/metrics/flow?colour=red', { token: tokens.nctv }, 400, '/api/v1/metrics/:name'],
      ['/api/v1/metrics/reassessment_consistency', { token: tokens.nctv }, 403, '/api/v1/metrics/:name'],
      ['/api/v1/audit', {}, 401, '/api/v1/audit'],
      ['/api/v1/audit', { token: 'wgw_forged-token-value' }, 401, '/api/v1/audit'],
      ['/api/v1/nothing-here', { token: tokens.inspectie }, 404, '/api/v1/nothing-here'],
      ['/api/v1/registry/regions/VR13', { token: tokens.inspectie, method: 'PUT', body: { keyOfficials: 9 } }, 403, '/api/v1/registry/regions/:code'],
      ['/api/health', {}, 200, '/api/health'],
    ];
    for (const [p, opts, status] of requests) expect((await api.call(p, opts)).status, p).toBe(status);
    await api.app.flushAudit();
    const rows = await storeQuery<{ who: string; role: string | null; route: string; status: number; params: Record<string, unknown> | null; method: string }>(
      api,
      'SELECT who, role, route, status, params, method FROM audit_log ORDER BY id OFFSET $1',
      [Number(before)],
    );
    expect(rows.map((r) => [r.route, r.status])).toEqual(requests.map(([, , status, route]) => [route, status]));
    expect(rows[0]).toMatchObject({
      role: 'regio',
      who: expect.stringMatching(/^tok_[0-9a-f]{12}:demo:regio:VR13$/),
      params: { name: 'flow', regions: 'VR13', from: '2024-01-01' },
    });
    expect(rows[2].params).toEqual({ name: 'flow' });
    expect(rows[4]).toMatchObject({ who: 'anonymous', role: null });
    expect(rows[5]).toMatchObject({ who: 'anonymous', role: null });
    expect(rows[7]).toMatchObject({ method: 'PUT', role: 'inspectie', params: { code: 'VR13' } });
  });

  it('never holds a token, a token hash or a metric value', async () => {
    const metric = (await (await api.call('/api/v1/metrics/flow?regions=VR13', { token: tokens.inspectie })).json()) as { rows: Record<string, unknown>[] };
    await api.app.flushAudit();
    const columns = await storeQuery<{ column_name: string }>(
      api,
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'audit_log' AND table_schema = current_schema() ORDER BY ordinal_position",
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      'id',
      'at',
      'who',
      'role',
      'region_code',
      'method',
      'route',
      'params',
      'status',
      'duration_ms',
      'request_id',
      'prev_hash',
      'hash',
    ]);
    const dump = JSON.stringify(await storeQuery(api, 'SELECT who, role, region_code, method, route, params FROM audit_log'));
    for (const t of [...Object.values(tokens), ...sessions.map((s) => s.token), 'wgw_forged-token-value']) {
      expect(dump).not.toContain(t);
      expect(dump).not.toContain(t.slice(4));
      expect(dump).not.toContain(sha256Hex(t));
    }
    // Parameters are only route parameters and scope keys, never response content.
    const params = await storeQuery<{ params: Record<string, unknown> | null }>(api, 'SELECT params FROM audit_log WHERE params IS NOT NULL');
    const allowed = new Set([
      'name',
      'code',
      'id',
      'regions',
      'from',
      'to',
      'phenomenon',
      'receiving_party',
      'source',
      'format',
      'sep',
      'by',
      'stage',
      'region',
      'who',
      'role',
      'route',
      'status',
      'offset',
      'limit',
    ]);
    for (const { params: p } of params) for (const k of Object.keys(p!)) expect(allowed.has(k), k).toBe(true);
    const countColumns = Object.keys(metric.rows[0]).filter((k) => !['group', 'region_code'].includes(k));
    for (const c of countColumns) expect(dump).not.toContain(`"${c}"`);
  });

  it('is append-only in the database itself', async () => {
    await expect(storeQuery(api, 'UPDATE audit_log SET status = 200')).rejects.toThrow(/append-only/);
    await expect(storeQuery(api, 'DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(storeQuery(api, 'TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('lets beheer read it, filtered and paginated', async () => {
    const page = (await (await api.call('/api/v1/audit?role=nctv&status=403&limit=1', { token: tokens.beheer })).json()) as AuditPage;
    expect(page.limit).toBe(1);
    expect(page.entries).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect(page.entries[0]).toMatchObject({ role: 'nctv', status: 403 });
    const second = (await (await api.call('/api/v1/audit?role=nctv&status=403&limit=1&offset=1', { token: tokens.beheer })).json()) as AuditPage;
    expect(second.entries[0].id).toBeLessThan(page.entries[0].id);
    const anon = (await (await api.call(`/api/v1/audit?who=anonymous&route=${encodeURIComponent('/api/v1/audit')}`, { token: tokens.beheer })).json()) as AuditPage;
    expect(anon.entries.length).toBeGreaterThanOrEqual(2);
    expect(anon.entries.every((e) => e.who === 'anonymous' && e.route === '/api/v1/audit')).toBe(true);
    const future = (await (await api.call('/api/v1/audit?from=2999-01-01T00:00:00Z', { token: tokens.beheer })).json()) as AuditPage;
    expect(future.total).toBe(0);
    const bad = await api.call('/api/v1/audit?status=abc&color=red', { token: tokens.beheer });
    expect(bad.status).toBe(400);
  });
});

describe(`API on ${STORE}: every metric as documented`, () => {
  it('answers every metric in the catalogue of each role, with each value of its parameters, as the OpenAPI document says', async () => {
    // The harness checks each response against the document (contract.ts); here every metric and
    // parameter value is asked for once per role, so that each column of each metric is checked.
    let checked = 0;
    for (const who of ['inspectie', 'nctv', 'regio', 'beheer'] as const) {
      const cat = (await (await api.call('/api/v1/metrics', { token: tokens[who] })).json()) as { name: string; params: { name: string; values: string[] }[] }[];
      for (const m of cat) {
        const queries = ['', ...m.params.flatMap((p) => p.values.map((v) => `?${p.name}=${encodeURIComponent(v)}`))];
        for (const q of queries) {
          const r = await api.call(`/api/v1/metrics/${m.name}${q}`, { token: tokens[who] });
          expect(r.status, `${who} ${m.name}${q}`).toBe(200);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  }, 120_000);
});
