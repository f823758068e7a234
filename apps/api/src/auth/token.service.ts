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
}

export interface CreatedToken extends TokenInfo {
  /** The bearer token; shown once, stored only as its SHA-256. */
  token: string;
}

export interface CreateTokenInput {
  role: string;
  region?: string | null;
  name: string;
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

/** Validates a token request; returns the normalised role/region/name or throws TokenInputError. */
export function validateTokenInput(input: CreateTokenInput): { role: Role; region: string | null; name: string } {
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
  return { role: role as Role, region, name };
}

function toInfo(e: ApiTokenEntity): TokenInfo {
  return {
    id: e.id,
    name: e.name,
    role: e.role as Role,
    region: e.regionCode,
    createdAt: e.createdAt.toISOString(),
    revokedAt: e.revokedAt ? e.revokedAt.toISOString() : null,
  };
}

const CACHE_TTL_MS = 30_000;

/**
 * Bearer tokens: 32 random bytes (base64url, prefixed `wgw_`), stored as SHA-256 only.
 * Lookups are cached briefly by hash; revoking through this service clears the cache at once.
 */
@Injectable()
export class TokenService {
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();

  constructor(private readonly tokens: TokenRepository) {}

  async create(input: CreateTokenInput): Promise<CreatedToken> {
    const { role, region, name } = validateTokenInput(input);
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const id = `tok_${randomBytes(6).toString('hex')}`;
    const row = await this.tokens.insert({ id, tokenSha256: sha256Hex(token), name, role, regionCode: region });
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

  /** The principal for a presented bearer token, or null if unknown or revoked. */
  async authenticate(token: string): Promise<Principal | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
    const hash = sha256Hex(token);
    const now = Date.now();
    const hit = this.cache.get(hash);
    if (hit && hit.until > now) return hit.principal;
    const row = await this.tokens.findActiveByHash(hash);
    const principal: Principal | null = row
      ? { kind: 'token', id: row.id, name: row.name, role: row.role as Role, region: row.regionCode }
      : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { principal, until: now + CACHE_TTL_MS });
    return principal;
  }
}
