import type { NextFunction, Request, Response } from 'express';
import type { ApiRequestState } from '../auth/principal';
import { describePrincipal } from '../auth/principal';
import type { JsonLogger } from '../common/json-logger';
import type { AuditService } from './audit.service';

/** Query keys that may be written to the audit log (scope, format, audit filters). */
export const AUDITED_QUERY_KEYS = new Set([
  'regions',
  'from',
  'to',
  'phenomenon',
  'receiving_party',
  'source',
  'format',
  'sep',
  'who',
  'role',
  'route',
  'status',
  'offset',
  'limit',
]);

function clip(v: unknown): unknown {
  if (Array.isArray(v)) return v.slice(0, 30).map(clip);
  if (typeof v === 'string') return v.slice(0, 200);
  return typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
}

/**
 * One audit row and one JSON log line per API request, whatever its outcome (including 401,
 * 403, 404, 400, 413 and 429), written when the response has been sent. The route is the
 * pattern (`/api/v1/registry/regions/:code`), the parameters are the route parameters and
 * whitelisted scope keys: never a token, a body or a metric value.
 */
export function requestAuditMiddleware(audit: AuditService, logger: JsonLogger) {
  return (req: Request & ApiRequestState, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const at = new Date();
    const path = req.originalUrl.split('?')[0];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const matched = (req as Request & { route?: { path?: unknown } }).route?.path;
      const route = (typeof matched === 'string' ? matched : path).slice(0, 200);
      const params: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(req.params ?? {})) params[k] = clip(v);
      for (const [k, v] of Object.entries(req.query ?? {})) {
        if (AUDITED_QUERY_KEYS.has(k)) params[k] = clip(v);
      }
      Object.assign(params, req.auditParams ?? {});
      const status = res.writableFinished ? res.statusCode : 499;
      const p = req.principal ?? null;
      audit.record({
        at,
        who: describePrincipal(p),
        role: p?.role ?? null,
        regionCode: p?.region ?? null,
        method: req.method.slice(0, 8),
        route,
        params: Object.keys(params).length > 0 ? params : null,
        status,
        durationMs: Math.round(ms),
      });
      logger.write(status >= 500 ? 'error' : 'info', {
        msg: 'request',
        method: req.method,
        route,
        status,
        ms: Math.round(ms * 10) / 10,
        role: p?.role ?? 'anonymous',
      });
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };
}
