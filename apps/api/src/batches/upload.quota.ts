import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../app/tokens';
import type { ApiRequestState } from '../auth/principal';
import type { AppConfig } from '../config/app-config';
import type { UploadState } from './upload.storage';

const DAY_MS = 24 * 60 * 60_000;

function tooMany(message: string, retryAfterS: number, res: Response): HttpException {
  res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfterS))));
  return new HttpException({ statusCode: 429, message, error: 'Too Many Requests' }, HttpStatus.TOO_MANY_REQUESTS);
}

/**
 * Upload volume per principal: bytes in flight (being received, queued or ingested) and bytes
 * per 24 hours. Kept in memory (the API is the only writer of its data directory); a restart
 * forgets the daily tally.
 */
@Injectable()
export class UploadQuota {
  private readonly inFlight = new Map<string, number>();
  private readonly daily = new Map<string, { at: number; bytes: number }[]>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Reserves `bytes` for `who`, or throws 429 with Retry-After. Returns the (idempotent) release. */
  reserve(who: string, bytes: number, res: Response, now = Date.now()): () => void {
    const current = this.inFlight.get(who) ?? 0;
    if (current + bytes > this.config.uploadQuotaInFlightBytes) {
      throw tooMany(`upload quota: at most ${this.config.uploadQuotaInFlightBytes} bytes of uploads in progress per token; wait until earlier uploads are ingested`, 30, res);
    }
    const recent = (this.daily.get(who) ?? []).filter((e) => e.at > now - DAY_MS);
    const today = recent.reduce((n, e) => n + e.bytes, 0);
    if (today + bytes > this.config.uploadQuotaDailyBytes) {
      // Wait until enough of the oldest uploads leave the 24-hour window.
      let freed = 0;
      const over = today + bytes - this.config.uploadQuotaDailyBytes;
      const until = recent.find((e) => (freed += e.bytes) >= over)?.at ?? now;
      throw tooMany(`upload quota: at most ${this.config.uploadQuotaDailyBytes} bytes per 24 hours per token`, (until + DAY_MS - now) / 1000, res);
    }
    this.inFlight.set(who, current + bytes);
    recent.push({ at: now, bytes });
    this.daily.set(who, recent);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(who) ?? 0) - bytes;
      if (left > 0) this.inFlight.set(who, left);
      else this.inFlight.delete(who);
    };
  }
}

/**
 * Checks the upload quota from Content-Length before a byte of the body is read. The
 * reservation is released when the request ends, unless a queued ingest took it over
 * (UploadState.uploadClaimed), which releases it when the ingest is done.
 */
@Injectable()
export class UploadQuotaGuard implements CanActivate {
  constructor(private readonly quota: UploadQuota) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request & ApiRequestState & UploadState>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const p = req.principal;
    if (!p) return true; // the access guard answers 401
    const length = Number(req.headers['content-length']);
    if (!req.headers['content-length'] || !Number.isSafeInteger(length) || length < 0) {
      throw new HttpException({ statusCode: 411, message: 'send the upload with a Content-Length header', error: 'Length Required' }, HttpStatus.LENGTH_REQUIRED);
    }
    const release = this.quota.reserve(p.id, length, res);
    req.uploadRelease = release;
    res.once('close', () => {
      if (!req.uploadClaimed) release();
    });
    return true;
  }
}
