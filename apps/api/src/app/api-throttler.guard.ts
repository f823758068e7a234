import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ApiRequestState } from '../auth/principal';

/**
 * Rate limit per credential: requests are counted per SHA-256 of the bearer token (so the
 * token itself is never a map key), and per client address when no token is sent.
 */
@Injectable()
export class ApiThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown> & ApiRequestState): Promise<string> {
    if (req.credentialHash) return `cred:${req.credentialHash}`;
    return `ip:${String(req.ip ?? 'unknown')}`;
  }

  protected override async shouldSkip(ctx: ExecutionContext): Promise<boolean> {
    return ctx.getType() !== 'http';
  }
}
