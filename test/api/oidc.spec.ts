/**
 * OpenID Connect bearer JWTs, verified against a key set served by a local HTTP server (a
 * stand-in for the identity provider's JWKS endpoint). Role and region come from claims.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, STORE, type TestApi } from './harness';

const ISSUER = 'https://login.inspectie.test';
const AUDIENCE = 'weegwijzer';

describe(`OIDC bearer tokens on ${STORE}`, () => {
  let jwks: Server;
  let api: TestApi;
  let key: CryptoKey;
  let otherKey: CryptoKey;

  const sign = (claims: JWTPayload, opts: { key?: CryptoKey; iss?: string; aud?: string; exp?: string | number; kid?: string } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: opts.kid ?? 'k1' })
      .setIssuer(opts.iss ?? ISSUER)
      .setAudience(opts.aud ?? AUDIENCE)
      .setSubject(String(claims.sub ?? 'user-1'))
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? '5m')
      .sign(opts.key ?? key);

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    key = pair.privateKey;
    otherKey = (await generateKeyPair('ES256')).privateKey;
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    jwks = createServer((req, res) => {
      if (req.url !== '/jwks.json') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    const port = (jwks.address() as AddressInfo).port;
    api = await startApi('oidc', {
      OIDC_ISSUER: ISSUER,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
      OIDC_ROLE_CLAIM: 'wgw_role',
      OIDC_REGION_CLAIM: 'wgw_region',
    });
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await new Promise((r) => jwks?.close(r));
  });

  it('accepts a valid JWT and takes role and region from its claims', async () => {
    const inspecteur = await sign({ sub: 'insp-7', wgw_role: 'inspectie' });
    const r1 = await api.call('/api/v1/me', { token: inspecteur });
    expect(r1.status).toBe(200);
    expect(await r1.json()).toEqual({
      id: 'oidc:insp-7',
      name: 'insp-7',
      role: 'inspectie',
      region: null,
      regionName: null,
      via: 'oidc',
      dataFileExtensions: ['.csv', '.jsonl', '.parquet', '.arrow', '.xlsx'],
    });

    const regio = await sign({ sub: 'ams-1', wgw_role: 'regio', wgw_region: 'VR13' });
    const r2 = await api.call('/api/v1/me', { token: regio });
    expect(await r2.json()).toMatchObject({ role: 'regio', region: 'VR13', regionName: 'Amsterdam-Amstelland' });
    // Authorisation still applies per object.
    expect((await api.call('/api/v1/registry/regions/VR13', { token: regio })).status).toBe(200);
    expect((await api.call('/api/v1/registry/regions/VR03', { token: regio })).status).toBe(403);
    expect((await api.call('/api/v1/audit', { token: regio })).status).toBe(403);
  });

  it.each([
    ['wrong audience', () => sign({ wgw_role: 'inspectie' }, { aud: 'someone-else' }), /claim "aud"/],
    ['wrong issuer', () => sign({ wgw_role: 'inspectie' }, { iss: 'https://evil.test' }), /claim "iss"/],
    ['expired', () => sign({ wgw_role: 'inspectie' }, { exp: Math.floor(Date.now() / 1000) - 3600 }), /expired/],
    ['signed with another key', () => sign({ wgw_role: 'inspectie' }, { key: otherKey }), /signature does not verify/],
    ['unknown key id', () => sign({ wgw_role: 'inspectie' }, { key: otherKey, kid: 'k9' }), /signature does not verify/],
    ['no role claim', () => sign({ role: 'inspectie' }), /no valid "wgw_role" claim/],
    ['unknown role', () => sign({ wgw_role: 'admin' }), /no valid "wgw_role" claim/],
    ['regio without region', () => sign({ wgw_role: 'regio' }), /needs a "wgw_region" claim/],
    [
      'unsigned (alg none)',
      async () => new UnsecuredJWT({ wgw_role: 'inspectie' }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m').encode(),
      /could not be verified/,
    ],
  ])('refuses a JWT: %s', async (_what, make, reason) => {
    const r = await api.call('/api/v1/me', { token: await make() });
    expect(r.status).toBe(401);
    const body = (await r.json()) as { message: string };
    expect(body.message).toMatch(reason);
  });

  it('documents the OIDC scheme next to the bearer token in the OpenAPI document', async () => {
    const doc = (await (await api.call('/api/docs-json')).json()) as {
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<string, Record<string, { security: unknown[] }>>;
    };
    expect(doc.components.securitySchemes.oidc).toMatchObject({ type: 'openIdConnect', openIdConnectUrl: `${ISSUER}/.well-known/openid-configuration` });
    expect(doc.paths['/api/v1/me'].get.security).toEqual([{ bearer: [] }, { oidc: [] }]);
    expect(doc.paths['/api/health'].get.security).toEqual([]);
  });

  it('logs OIDC callers by subject, never the JWT', async () => {
    const jwt = await sign({ sub: 'audit-me', wgw_role: 'inspectie' });
    await api.call('/api/v1/registry/regions', { token: jwt });
    await api.app.flushAudit();
    const rows = await api.app.store.query(`SELECT who, role, route, status FROM audit_log WHERE who LIKE 'oidc:audit-me%'`);
    expect(rows).toEqual([{ who: 'oidc:audit-me:audit-me', role: 'inspectie', route: '/api/v1/registry/regions', status: 200 }]);
    const all = JSON.stringify(await api.app.store.query('SELECT * FROM audit_log'));
    expect(all).not.toContain(jwt.split('.')[2]);
  });
});
