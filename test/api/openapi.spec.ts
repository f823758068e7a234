/**
 * The OpenAPI document as a contract: it passes Redocly's recommended ruleset with no error and
 * no warning; the contract check the harness runs on every API test response really refuses
 * what is not documented; each metric's route takes exactly the catalogue's parameters; the
 * checked-in libs/api-types is what the served document generates; the reference UI is served
 * from this server alone.
 */
import { API_TYPES_FILE, renderApiTypes } from '@weegwijzer/api';
import { REGION_CODES } from '@weegwijzer/contract';
import { catalogueEntry, METRICS } from '@weegwijzer/metrics';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertDocumented, ContractValidator, type OpenApiDoc } from './contract';
import { startApi, STORE, type TestApi } from './harness';

const ROOT = join(__dirname, '..', '..');

interface Parameter {
  name: string;
  in: string;
  schema: { enum?: unknown[]; $ref?: string; items?: { $ref?: string; enum?: unknown[] }; default?: unknown };
}

describe(`OpenAPI document on ${STORE}`, () => {
  let api: TestApi;
  let doc: OpenApiDoc;
  let contract: ContractValidator;

  beforeAll(async () => {
    api = await startApi('openapi');
    doc = (await (await api.call('/api/docs-json')).json()) as OpenApiDoc;
    contract = new ContractValidator(doc);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
  });

  it('is OpenAPI 3.1 with a licence, a server and the bearer scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    const info = (doc as unknown as { info: { license: unknown } }).info;
    expect(info.license).toEqual({ name: 'EUPL-1.2', identifier: 'EUPL-1.2' });
    expect((doc as unknown as { servers: { url: string }[] }).servers).toEqual([{ url: api.url, description: 'this server' }]);
    expect((doc.components as { securitySchemes: Record<string, { type: string; scheme?: string }> }).securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
  });

  it('passes redocly lint (recommended rules) with 0 errors and 0 warnings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weegwijzer-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc, null, 2));
      const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'redocly'), ['lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'json'], {
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      });
      const out = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as {
        totals: { errors: number; warnings: number };
        problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
      };
      const problems = out.problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
      expect(problems).toEqual([]);
      expect(out.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  const me = { id: 'tok_0123456789ab', name: 'test', role: 'inspectie', region: null, regionName: null, via: 'token', dataFileExtensions: ['.csv'] };
  const json = (v: unknown) => JSON.stringify(v);

  it('the contract check accepts a documented response and refuses an undocumented field, a missing field, a wrong type', () => {
    expect(contract.check('GET', '/api/v1/me', 200, 'application/json; charset=utf-8', json(me))).toEqual([]);
    expect(contract.check('GET', '/api/v1/me', 200, 'application/json', json({ ...me, email: 'x@example.org' })).join()).toMatch(/must NOT have additional properties \(email\)/);
    const { regionName: _, ...missing } = me;
    expect(contract.check('GET', '/api/v1/me', 200, 'application/json', json(missing)).join()).toMatch(/must have required property 'regionName'/);
    expect(contract.check('GET', '/api/v1/me', 200, 'application/json', json({ ...me, role: 'admin' })).join()).toMatch(/\/role must be equal to one of the allowed values/);
  });

  it('the contract check refuses an undocumented status, content type, route, and a metric column the catalogue does not list', () => {
    expect(contract.check('GET', '/api/v1/me', 418, 'application/json', json({ statusCode: 418, message: 'teapot' })).join()).toMatch(/status 418 is not documented/);
    expect(contract.check('GET', '/api/v1/me', 200, 'text/html', '<p>')).toEqual([expect.stringMatching(/content type text\/html is not documented/)]);
    expect(contract.check('GET', '/api/v1/secret', 200, 'application/json', '{}')).toEqual([expect.stringMatching(/not in the OpenAPI document/)]);
    const flow = {
      metric: 'flow',
      k: 5,
      scope: { regions: ['VR13'] },
      params: {},
      notes: [],
      columns: [],
      rows: [{ group: 'region', region_code: 'VR13' }],
      suppressed: [],
      protection: 'cell_key',
      additivity: 'approximate',
      ptable: 'D2-V1-1',
    };
    expect(contract.check('GET', '/api/v1/metrics/flow', 200, 'application/json', json(flow))).toEqual([]);
    expect(contract.check('GET', '/api/v1/metrics/flow', 200, 'application/json', json({ ...flow, rows: [{ region_code: 'VR13', person_id: 'p1' }] })).join()).toMatch(
      /\/rows\/0 must be equal to one of the allowed values/,
    );
    expect(contract.check('GET', '/api/v1/metrics/flow', 200, 'application/json', json({ ...flow, metric: 'reach' })).join()).toMatch(
      /\/metric must be equal to one of the allowed values/,
    );
    // Errors have their shape too.
    expect(contract.check('GET', '/api/v1/me', 401, 'application/json', json({ statusCode: 401, message: 'no', error: 'Unauthorized' }))).toEqual([]);
    expect(contract.check('GET', '/api/v1/me', 401, 'application/json', json({ status: 401 })).join()).toMatch(/required property 'statusCode'/);
  });

  it('fails the harness call on an undocumented field', async () => {
    const res = new Response(json({ ...me, token: 'wgw_secret' }), { status: 200, headers: { 'content-type': 'application/json' } });
    await expect(assertDocumented(contract, 'GET', `${api.url}/api/v1/me`, res)).rejects.toThrow(/not as documented[\s\S]*additional properties \(token\)/);
    const ok = new Response(json(me), { status: 200, headers: { 'content-type': 'application/json' } });
    await expect(assertDocumented(contract, 'GET', `${api.url}/api/v1/me`, ok)).resolves.toBeUndefined();
  });

  it('gives every metric of the registry its own route with exactly the parameters and values of its catalogue entry', () => {
    const schemas = (doc.components as { schemas: Record<string, { enum?: unknown[] }> }).schemas;
    const values = (p: Parameter): unknown[] | undefined => {
      const ref = p.schema.$ref ?? p.schema.items?.$ref;
      return ref ? schemas[ref.split('/').pop()!].enum : (p.schema.enum ?? p.schema.items?.enum);
    };
    for (const def of METRICS) {
      const e = catalogueEntry(def);
      const op = doc.paths[`/api/v1/metrics/${e.name}`]?.get as { parameters: Parameter[]; responses: Record<string, unknown> } | undefined;
      expect(op, e.name).toBeDefined();
      const names = op!.parameters.map((p) => p.name);
      expect(names.sort(), e.name).toEqual([...e.filters, ...e.params.map((p) => p.name), 'format', 'sep'].sort());
      for (const p of e.params) {
        const documented = op!.parameters.find((x) => x.name === p.name)!;
        expect(values(documented), `${e.name} ${p.name}`).toEqual(p.values);
        expect(documented.schema.default, `${e.name} ${p.name} default`).toBe(p.default);
      }
      if (e.filters.includes('regions')) expect(values(op!.parameters.find((x) => x.name === 'regions')!)).toEqual(REGION_CODES);
      expect(Object.keys(op!.responses).sort()).toEqual(['200', '400', '401', '403', '429', '503']);
    }
    const generic = doc.paths['/api/v1/metrics/{name}'].get as { parameters: Parameter[] };
    expect(values(generic.parameters.find((p) => p.name === 'name')!)).toEqual(METRICS.map((m) => m.name));
  });

  it('documents 401 and 429 on every route that needs credentials, in the error shape', () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item) as [string, { security: unknown[]; responses: Record<string, { $ref?: string }> }][]) {
        expect(op.responses['429'], `${method} ${path}`).toEqual({ $ref: '#/components/responses/TooManyRequests' });
        if (op.security.length > 0) expect(op.responses['401'], `${method} ${path}`).toEqual({ $ref: '#/components/responses/Unauthorized' });
      }
    }
  });

  it('is what libs/api-types was generated from (run `npm run api-types` after changing a DTO or decorator)', async () => {
    const checkedIn = readFileSync(join(ROOT, API_TYPES_FILE), 'utf8');
    expect(checkedIn === (await renderApiTypes(doc as never)), `${API_TYPES_FILE} is stale: run npm run api-types`).toBe(true);
  }, 30_000);

  it('serves the reference UI at /api/docs from this server only (works offline)', async () => {
    const html = await (await api.call('/api/docs')).text();
    expect(html).toContain('swagger-ui');
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref, 'no CDN').not.toMatch(/^(https?:)?\/\//);
      const r = await api.call(new URL(ref, `${api.url}/api/docs/`).pathname);
      expect(r.status, ref).toBe(200);
    }
  });
});
