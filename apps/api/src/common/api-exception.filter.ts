import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import type { ApiRequestState } from '../auth/principal';
import type { JsonLogger } from './json-logger';

/**
 * Every error leaves the API in one shape, `{ statusCode, message, error, requestId }`, so a
 * caller can quote the request id. Unexpected errors are logged (message only) and answered 500
 * without detail.
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
    if (exception instanceof HttpException) {
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
