import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { MetricForbiddenError, MetricNotFoundError, MetricParamError } from '@weegwijzer/metrics';
import { NoSnapshotError } from '@weegwijzer/store';
import type { ApiRequestState } from '../auth/principal';
import type { JsonLogger } from './json-logger';

/** A library error class and the HTTP answer it gets; the message is the error's own unless `message` is given. */
export interface LibraryErrorStatus {
  type: abstract new (...args: never[]) => Error;
  status: number;
  message?: string;
}

/**
 * The one place where the libraries' typed errors become HTTP statuses: services let them
 * through (they catch only what turns into a normal answer, like freshness before the first
 * ingest).
 */
export const LIBRARY_ERROR_STATUS: readonly LibraryErrorStatus[] = [
  { type: MetricNotFoundError, status: HttpStatus.NOT_FOUND },
  { type: MetricForbiddenError, status: HttpStatus.FORBIDDEN },
  { type: MetricParamError, status: HttpStatus.BAD_REQUEST },
  // the store's own message names the data directory and the ETL command: not for an API caller
  { type: NoSnapshotError, status: HttpStatus.SERVICE_UNAVAILABLE, message: 'no data has been loaded yet: upload a batch first' },
];

/** The status and body of a library error, or null when it is none of LIBRARY_ERROR_STATUS. */
export function libraryErrorBody(exception: unknown): { status: number; body: { statusCode: number; message: string; error: string } } | null {
  const hit = LIBRARY_ERROR_STATUS.find((m) => exception instanceof m.type);
  if (!hit) return null;
  return { status: hit.status, body: { statusCode: hit.status, message: hit.message ?? (exception as Error).message, error: STATUS_CODES[hit.status] ?? 'Error' } };
}

/**
 * Every error leaves the API in one shape, `{ statusCode, message, error, requestId }`, so a
 * caller can quote the request id. Library errors get their status from LIBRARY_ERROR_STATUS;
 * unexpected errors are logged (message only) and answered 500 without detail.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & ApiRequestState>();
    const res = ctx.getResponse<Response>();
    let body: Record<string, unknown>;
    let status: number;
    const library = libraryErrorBody(exception);
    if (library) {
      ({ status, body } = library);
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const r = exception.getResponse();
      body = typeof r === 'string' ? { statusCode: status, message: r } : { statusCode: status, ...(r as Record<string, unknown>) };
      body.error ??= STATUS_CODES[status] ?? 'Error';
    } else {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
      this.logger.write('error', {
        msg: 'unhandled error',
        requestId: req.requestId,
        error: exception instanceof Error ? `${exception.name}: ${exception.message}`.slice(0, 500) : 'unknown',
      });
      body = { statusCode: status, message: 'Internal server error', error: STATUS_CODES[status] };
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(status).json({ ...body, requestId: req.requestId });
  }
}
