import { Inject, Injectable } from '@nestjs/common';
import { REGION_CODES, ROLES, type Role } from '@weegwijzer/contract';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { APP_CONFIG } from '../app/tokens';
import type { AppConfig } from '../config/app-config';
import type { Principal } from './principal';

/** A JWT that was refused; the message says why (never the token). */
export class OidcRejected extends Error {}

/**
 * Optional OpenID Connect: a bearer JWT is verified against the configured JWKS (signature,
 * issuer, audience, expiry); role and region come from the configured claims.
 */
@Injectable()
export class OidcService {
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.oidc) this.jwks = createRemoteJWKSet(new URL(config.oidc.jwksUrl), { timeoutDuration: 5000 });
  }

  get enabled(): boolean {
    return this.jwks !== undefined;
  }

  /** Whether a credential looks like a JWT (three base64url parts). */
  static looksLikeJwt(credential: string): boolean {
    return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(credential);
  }

  async authenticate(jwt: string): Promise<Principal> {
    const oidc = this.config.oidc;
    if (!oidc || !this.jwks) throw new OidcRejected('OpenID Connect is not configured on this server');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(jwt, this.jwks, { issuer: oidc.issuer, audience: oidc.audience, clockTolerance: 30 }));
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) throw new OidcRejected('the JWT has expired');
      if (e instanceof joseErrors.JWTClaimValidationFailed) throw new OidcRejected(`the JWT claim "${e.claim}" is not accepted`);
      if (e instanceof joseErrors.JWKSNoMatchingKey || e instanceof joseErrors.JWSSignatureVerificationFailed) {
        throw new OidcRejected('the JWT signature does not verify against the configured key set');
      }
      throw new OidcRejected('the JWT could not be verified');
    }
    const role = payload[oidc.roleClaim];
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
      throw new OidcRejected(`the JWT has no valid "${oidc.roleClaim}" claim (one of ${ROLES.join(', ')})`);
    }
    let region: string | null = null;
    if (role === 'regio') {
      const r = payload[oidc.regionClaim];
      if (typeof r !== 'string' || !REGION_CODES.includes(r)) {
        throw new OidcRejected(`a regio JWT needs a "${oidc.regionClaim}" claim with a region code VR01..VR25`);
      }
      region = r;
    }
    const sub = typeof payload.sub === 'string' && payload.sub !== '' ? payload.sub : 'unknown';
    return { kind: 'oidc', id: `oidc:${sub}`.slice(0, 64), name: sub.slice(0, 120), role: role as Role, region };
  }
}
