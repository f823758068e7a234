import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';
import type { ApiRequestState } from '../auth/principal';

/** The stricter throttler for requests whose credentials were refused. */
export const AUTH_FAILURES = 'auth-failures';

export function hasRefusedCredential(ctx: ExecutionContext): boolean {
  return ctx.switchToHttp().getRequest<ApiRequestState>().authError !== undefined;
}

/**
 * Rate limit per caller: an authenticated principal is counted by its id; everybody else —
 * no credential, or one that was refused — by client address, so inventing bearer values
 * buys nothing. Refused credentials also count against a stricter limit per address.
 */
@Injectable()
export class ApiThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown> & ApiRequestState): Promise<string> {
    if (req.principal) return `principal:${req.principal.id}`;
    return `ip:${String(req.ip ?? 'unknown')}`;
  }

  protected override async shouldSkip(ctx: ExecutionContext): Promise<boolean> {
    return ctx.getType() !== 'http';
  }

  protected override async throwThrottlingException(ctx: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    ctx
      .switchToHttp()
      .getResponse<Response>()
      .setHeader('Retry-After', String(Math.max(1, detail.timeToBlockExpire)));
    throw new ThrottlerException(
      hasRefusedCredential(ctx) ? 'too many requests with refused credentials from this address; try again later' : 'too many requests; try again later',
    );
  }
}
