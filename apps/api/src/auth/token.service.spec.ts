import { describe, expect, it } from 'vitest';
import type { ApiTokenEntity } from '@weegwijzer/store';
import { sha256Hex, TokenInputError, TokenService, validateTokenInput } from './token.service';
import type { TokenRepository } from './token.repository';

/** An in-memory stand-in for the repository, to check what the service stores. */
function memoryRepo() {
  const rows: ApiTokenEntity[] = [];
  const repo = {
    rows,
    lookups: 0,
    async insert(r: Pick<ApiTokenEntity, 'id' | 'tokenSha256' | 'name' | 'role' | 'regionCode' | 'expiresAt'>) {
      const row = { ...r, createdAt: new Date('2026-01-01T00:00:00Z'), revokedAt: null } as ApiTokenEntity;
      rows.push(row);
      return row;
    },
    async findActiveByHash(h: string) {
      repo.lookups++;
      return rows.find((r) => r.tokenSha256 === h && !r.revokedAt) ?? null;
    },
    async list() {
      return rows;
    },
    async findById(id: string) {
      return rows.find((r) => r.id === id) ?? null;
    },
    async revoke(id: string, at: Date) {
      const r = rows.find((x) => x.id === id);
      if (r) r.revokedAt = at;
      return Boolean(r);
    },
  };
  return repo;
}

describe('tokens', () => {
  it('stores only the SHA-256 of a 32-byte random token and shows the token once', async () => {
    const repo = memoryRepo();
    const svc = new TokenService(repo as unknown as TokenRepository);
    const t = await svc.create({ role: 'regio', region: 'vr13', name: ' Analist ' });
    expect(t.token).toMatch(/^wgw_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(t.token.slice(4), 'base64url')).toHaveLength(32);
    expect(repo.rows[0].tokenSha256).toBe(sha256Hex(t.token));
    expect(JSON.stringify(repo.rows)).not.toContain(t.token);
    expect({ role: t.role, region: t.region, name: t.name }).toEqual({ role: 'regio', region: 'VR13', name: 'Analist' });
    expect(JSON.stringify(await svc.list())).not.toContain(repo.rows[0].tokenSha256);
  });

  it('authenticates, caches, and forgets a revoked token at once', async () => {
    const repo = memoryRepo();
    const svc = new TokenService(repo as unknown as TokenRepository);
    const t = await svc.create({ role: 'inspectie', name: 'Inspecteur' });
    expect(await svc.authenticate(t.token)).toEqual({ kind: 'token', id: t.id, name: 'Inspecteur', role: 'inspectie', region: null });
    await svc.authenticate(t.token);
    expect(repo.lookups).toBe(1);
    await svc.revoke(t.id);
    expect(await svc.authenticate(t.token)).toBeNull();
    expect(await svc.authenticate('not-a-token')).toBeNull();
    expect(await svc.authenticate(`${t.token}x`)).toBeNull();
  });

  it('refuses an expired token, also from the cache, and lists its expiry', async () => {
    const repo = memoryRepo();
    const svc = new TokenService(repo as unknown as TokenRepository);
    const before = Date.now();
    const t = await svc.create({ role: 'nctv', name: 'Adviseur', expires: '2h' });
    const expires = Date.parse(t.expiresAt!);
    expect(expires - before).toBeGreaterThanOrEqual(2 * 3_600_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(2 * 3_600_000);
    expect(await svc.authenticate(t.token, expires - 1000)).not.toBeNull();
    expect(await svc.authenticate(t.token, expires + 1000)).toBeNull(); // cached lookup, still refused
    expect(repo.lookups).toBe(1);
    expect((await svc.list())[0].expiresAt).toBe(t.expiresAt);
    expect((await svc.create({ role: 'nctv', name: 'Forever' })).expiresAt).toBeNull();
  });

  it.each([
    [{ role: 'nctv', name: 'x', expires: '90' }, /--expires "90": expected a lifetime in days or hours/],
    [{ role: 'nctv', name: 'x', expires: '0d' }, /1h..3650d/],
    [{ role: 'nctv', name: 'x', expires: '9999d' }, /1h..3650d/],
    [{ role: 'root', name: 'x' }, /--role "root": expected one of inspectie, nctv, regio, beheer/],
    [{ role: 'regio', name: 'x' }, /--region is required for role regio/],
    [{ role: 'regio', region: 'VR26', name: 'x' }, /--region "VR26": expected a region code/],
    [{ role: 'nctv', region: 'VR13', name: 'x' }, /--region only applies to role regio/],
    [{ role: 'beheer', name: '  ' }, /--name is required/],
  ])('refuses %j', (input, message) => {
    expect(() => validateTokenInput(input)).toThrow(TokenInputError);
    expect(() => validateTokenInput(input)).toThrow(message);
  });
});
