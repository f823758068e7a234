import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
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

/** An incoming X-Request-Id is kept when it is a plain id like this; otherwise a UUID is made. */
const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

function clip(v: unknown): unknown {
  if (Array.isArray(v)) return v.slice(0, 30).map(clip);
  if (typeof v === 'string') return v.slice(0, 200);
  return typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
}

type Write = Response['write'];
type End = Response['end'];

/**
 * One audit row and one JSON log line per API request, whatever its outcome (including 401,
 * 403, 404, 400, 413 and 429). Fail-closed: the first byte of the response (status, headers,
 * body) is held until the request's audit row is committed; if it cannot be written the caller
 * gets 503 instead of the answer. A request the caller abandoned before any response is
 * recorded with status 499. The route is the pattern (`/api/v1/registry/regions/:code`), the
 * parameters are the route parameters and whitelisted scope keys: never a token, a body or a
 * metric value. Every request carries an id (X-Request-Id, echoed) that is in its audit row,
 * its log line and any error body.
 */
export function requestAuditMiddleware(audit: AuditService, logger: JsonLogger) {
  return (req: Request & ApiRequestState, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const at = new Date();
    const path = req.originalUrl.split('?')[0];
    const requestId = requestIdOf(req.headers['x-request-id']);
    req.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    let recorded = false;
    audit.begin();

    const rowFor = (status: number) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const matched = (req as Request & { route?: { path?: unknown } }).route?.path;
      const route = typeof matched === 'string' ? matched : path;
      const params: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(req.params ?? {})) params[k] = clip(v);
      for (const [k, v] of Object.entries(req.query ?? {})) {
        if (AUDITED_QUERY_KEYS.has(k)) params[k] = clip(v);
      }
      Object.assign(params, req.auditParams ?? {});
      const p = req.principal ?? null;
      return {
        ms,
        row: {
          at,
          requestId,
          who: describePrincipal(p),
          role: p?.role ?? null,
          regionCode: p?.region ?? null,
          method: req.method,
          route,
          params: Object.keys(params).length > 0 ? params : null,
          status,
          durationMs: Math.round(ms),
        },
      };
    };
    const logLine = (route: string, status: number, ms: number, auditWritten: boolean) =>
      logger.write(status >= 500 || !auditWritten ? 'error' : 'info', {
        msg: 'request',
        requestId,
        method: req.method,
        route: route.slice(0, 200),
        status,
        ms: Math.round(ms * 10) / 10,
        role: req.principal?.role ?? 'anonymous',
        ...(auditWritten ? {} : { audit: 'not written' }),
      });

    const write: Write = res.write;
    const end: End = res.end;
    const held: (() => void)[] = [];
    const passThrough = () => {
      res.write = write;
      res.end = end;
      for (const f of held.splice(0)) f();
    };
    const refuse = () => {
      held.length = 0;
      res.write = write;
      res.end = end;
      if (res.headersSent) {
        res.destroy();
        return;
      }
      for (const h of res.getHeaderNames()) if (/^content-|^etag$|^last-modified$/.test(h)) res.removeHeader(h);
      res.statusCode = 503;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Retry-After', '5');
      res.end(JSON.stringify({ statusCode: 503, message: 'the audit log cannot be written; the request was not served', error: 'Service Unavailable', requestId }));
    };
    const commit = () => {
      if (recorded) return;
      recorded = true;
      const { row, ms } = rowFor(res.statusCode);
      audit.record(row, true).then(
        () => {
          logLine(row.route, row.status, ms, true);
          passThrough();
        },
        () => {
          logLine(row.route, row.status, ms, false);
          refuse();
        },
      );
    };
    res.write = function (this: Response, ...args: unknown[]): boolean {
      held.push(() => (write as (...a: unknown[]) => boolean).apply(res, args));
      commit();
      return true;
    } as Write;
    res.end = function (this: Response, ...args: unknown[]): Response {
      held.push(() => (end as (...a: unknown[]) => Response).apply(res, args));
      commit();
      return res;
    } as End;
    res.once('close', () => {
      if (recorded) return;
      // Abandoned by the caller before any response: nothing was released; record it anyway.
      recorded = true;
      const { row, ms } = rowFor(499);
      audit.record(row, true).then(
        () => logLine(row.route, 499, ms, true),
        () => logLine(row.route, 499, ms, false),
      );
    });
    next();
  };
}

/**
 * Requests Node's HTTP parser refuses before any middleware sees them (headers or URL over the
 * size limit: 431; malformed: 400) are audited too, and answered only once their row is written.
 */
export function auditClientErrors(server: Server, audit: AuditService, logger: JsonLogger): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const requestId = randomUUID();
    const answer = (code: number, message: string) => {
      const body = JSON.stringify({ statusCode: code, message, error: STATUS_CODES[code], requestId });
      socket.end(
        `HTTP/1.1 ${code} ${STATUS_CODES[code]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
          `X-Request-Id: ${requestId}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
      );
    };
    const row = {
      at: new Date(),
      requestId,
      who: 'anonymous',
      role: null,
      regionCode: null,
      method: '-',
      route: '(request refused by the HTTP parser)',
      params: { error: err.code ?? 'unknown' },
      status,
      durationMs: 0,
    };
    audit.record(row).then(
      () => {
        logger.write('info', { msg: 'request', requestId, route: row.route, status, role: 'anonymous' });
        answer(status, status === 431 ? 'request line or headers too large' : 'malformed HTTP request');
      },
      () => {
        logger.write('error', { msg: 'request', requestId, route: row.route, status, role: 'anonymous', audit: 'not written' });
        answer(503, 'the audit log cannot be written; the request was not served');
      },
    );
  });
}
