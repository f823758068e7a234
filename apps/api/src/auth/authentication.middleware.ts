import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { OidcRejected, OidcService } from './oidc.service';
import type { ApiRequestState } from './principal';
import { TokenService } from './token.service';

/**
 * Establishes who is calling (or that nobody is) before any guard runs, so that the rate
 * limiter, the access guard and the audit log all see the same caller. It never rejects by
 * itself: whether a route needs a caller is the access guard's decision.
 */
@Injectable()
export class AuthenticationMiddleware implements NestMiddleware {
  constructor(
    private readonly tokens: TokenService,
    private readonly oidc: OidcService,
  ) {}

  async use(req: Request & ApiRequestState, _res: Response, next: NextFunction): Promise<void> {
    try {
      req.principal = null;
      const header = req.headers.authorization;
      if (header !== undefined) {
        const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
        if (!m) {
          req.authError = 'malformed Authorization header: expected "Bearer <token>"';
        } else {
          const credential = m[1];
          if (OidcService.looksLikeJwt(credential)) {
            try {
              req.principal = await this.oidc.authenticate(credential);
            } catch (e) {
              if (!(e instanceof OidcRejected)) throw e;
              req.authError = `invalid token: ${e.message}`;
            }
          } else {
            req.principal = await this.tokens.authenticate(credential);
            if (!req.principal) req.authError = 'invalid, revoked or expired token';
          }
        }
      }
      next();
    } catch (e) {
      next(e);
    }
  }
}
