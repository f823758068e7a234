/**
 * Rate limiting keys on who the caller provably is: a valid token counts against its
 * principal, everything else (no credential, or a made-up one) against the client address;
 * refused credentials also hit a stricter limit of their own. Attack: a fresh random bearer
 * value on every request (which used to be a fresh bucket every time).
 */
import { sendControl } from '@weegwijzer/store';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, STORE, type TestApi } from './harness';

describe(`rate limits on ${STORE}`, () => {
  let api: TestApi;
  const tokens: string[] = [];

  beforeAll(async () => {
    api = await startApi('ratelimit', { RATE_LIMIT: '6/60s', RATE_LIMIT_AUTH_FAILURES: '3/60s' });
    for (const name of ['a', 'b']) tokens.push((await sendControl<{ token: string }>(api.dataDir, 'token.create', { role: 'inspectie', name })).token);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
  });

  const statuses = async (n: number, token: () => string | undefined) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await api.call('/api/v1/me', { token: token() })).status);
    return out;
  };

  it('limits random bearer values by address, with the stricter limit for refused credentials', async () => {
    const random = () => `wgw_${randomBytes(32).toString('base64url')}`;
    expect(await statuses(6, random)).toEqual([401, 401, 401, 429, 429, 429]);
    const r = await api.call('/api/v1/me', { token: 'not-even-a-wgw-token' });
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await r.json()).toMatchObject({ statusCode: 429, message: 'too many requests with refused credentials from this address; try again later' });
  });

  it('counts anonymous requests by address too', async () => {
    // 7 refused-credential requests from this address so far: the address is over 6 already.
    expect(await statuses(2, () => undefined)).toEqual([429, 429]);
  });

  it('limits a valid token per token, independent of the address and of other tokens', async () => {
    expect(await statuses(7, () => tokens[0])).toEqual([200, 200, 200, 200, 200, 200, 429]);
    expect(await statuses(2, () => tokens[1])).toEqual([200, 200]);
  });
});
