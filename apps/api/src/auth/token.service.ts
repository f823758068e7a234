import { Injectable } from '@nestjs/common';
import { REGION_CODES, ROLES, type Role } from '@weegwijzer/contract';
import type { ApiTokenEntity } from '@weegwijzer/store';
import { createHash, randomBytes } from 'node:crypto';
import type { Principal } from './principal';
import { TokenRepository } from './token.repository';

export const TOKEN_PREFIX = 'wgw_';

export class TokenInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenInputError';
  }
}

/** A token as listed: never the token itself nor its hash. */
export interface TokenInfo {
  id: string;
  name: string;
  role: Role;
  region: string | null;
  createdAt: string;
  revokedAt: string | null;
  /** When the token stops working; null = never. */
  expiresAt: string | null;
}

export interface CreatedToken extends TokenInfo {
  /** The bearer token; shown once, stored only as its SHA-256. */
  token: string;
}

export interface CreateTokenInput {
  role: string;
  region?: string | null;
  name: string;
  /** Lifetime like `90d` or `12h` (at most 3650d); absent = no expiry. */
  expires?: string | null;
}

/** `90d` / `12h` → milliseconds, or throws TokenInputError. */
export function parseTokenLifetime(raw: string): number {
  const m = /^(\d{1,6})([dh])$/.exec(raw.trim());
  const ms = m ? Number(m[1]) * (m[2] === 'd' ? 86_400_000 : 3_600_000) : 0;
  if (!m || ms < 3_600_000 || ms > 3650 * 86_400_000) {
    throw new TokenInputError(`--expires ${JSON.stringify(raw)}: expected a lifetime in days or hours, e.g. 90d or 12h (1h..3650d)`);
  }
  return ms;
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

/** Validates a token request; returns the normalised role/region/name or throws TokenInputError. */
export function validateTokenInput(input: CreateTokenInput): { role: Role; region: string | null; name: string; lifetimeMs: number | null } {
  const role = input.role;
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new TokenInputError(`--role ${JSON.stringify(role)}: expected one of ${ROLES.join(', ')}`);
  }
  const region = input.region ? input.region.trim().toUpperCase() : null;
  if (role === 'regio') {
    if (!region) throw new TokenInputError('--region is required for role regio (VR01..VR25)');
    if (!REGION_CODES.includes(region)) throw new TokenInputError(`--region ${JSON.stringify(input.region)}: expected a region code VR01..VR25`);
  } else if (region) {
    throw new TokenInputError(`--region only applies to role regio (role ${role} sees its data by role, not by region)`);
  }
  const name = (input.name ?? '').trim();
  if (name === '' || name.length > 120 || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new TokenInputError('--name is required: who the token is for (1..120 printable characters)');
  }
  const lifetimeMs = input.expires === undefined || input.expires === null ? null : parseTokenLifetime(String(input.expires));
  return { role: role as Role, region, name, lifetimeMs };
}

function toInfo(e: ApiTokenEntity): TokenInfo {
  return {
    id: e.id,
    name: e.name,
    role: e.role as Role,
    region: e.regionCode,
    createdAt: e.createdAt.toISOString(),
    revokedAt: e.revokedAt ? e.revokedAt.toISOString() : null,
    expiresAt: e.expiresAt ? e.expiresAt.toISOString() : null,
  };
}

const CACHE_TTL_MS = 30_000;

/**
 * Bearer tokens: 32 random bytes (base64url, prefixed `wgw_`), stored as SHA-256 only.
 * Lookups are cached briefly by hash; revoking through this service clears the cache at once.
 */
@Injectable()
export class TokenService {
  private readonly cache = new Map<string, { principal: Principal | null; until: number; expiresAt: number }>();

  constructor(private readonly tokens: TokenRepository) {}

  async create(input: CreateTokenInput): Promise<CreatedToken> {
    const { role, region, name, lifetimeMs } = validateTokenInput(input);
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const id = `tok_${randomBytes(6).toString('hex')}`;
    const expiresAt = lifetimeMs === null ? null : new Date(Date.now() + lifetimeMs);
    const row = await this.tokens.insert({ id, tokenSha256: sha256Hex(token), name, role, regionCode: region, expiresAt });
    return { ...toInfo(row), token };
  }

  async list(): Promise<TokenInfo[]> {
    return (await this.tokens.list()).map(toInfo);
  }

  async revoke(id: string): Promise<TokenInfo> {
    const row = await this.tokens.findById(id);
    if (!row) throw new TokenInputError(`no token with id ${JSON.stringify(id)} (see: token list)`);
    if (!row.revokedAt) await this.tokens.revoke(id, new Date());
    this.cache.clear();
    return toInfo((await this.tokens.findById(id))!);
  }

  /** The principal for a presented bearer token, or null if unknown, revoked or expired. */
  async authenticate(token: string, now = Date.now()): Promise<Principal | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
    const hash = sha256Hex(token);
    const hit = this.cache.get(hash);
    if (hit && hit.until > now) return hit.expiresAt > now ? hit.principal : null;
    const row = await this.tokens.findActiveByHash(hash);
    const expiresAt = row?.expiresAt ? row.expiresAt.getTime() : Number.POSITIVE_INFINITY;
    const principal: Principal | null = row && expiresAt > now ? { kind: 'token', id: row.id, name: row.name, role: row.role as Role, region: row.regionCode } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { principal, until: now + CACHE_TTL_MS, expiresAt });
    return principal;
  }
}
