import type * as Api from '@weegwijzer/api-types';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';

/** Every error the API sends: Nest's shape, with a message that says what and where. */
export class ApiErrorDto implements Api.ApiError {
  @ApiProperty({ description: 'the HTTP status again', example: 400, minimum: 400, maximum: 599 })
  statusCode!: number;

  @ApiProperty({
    description: 'what is wrong and where (a parameter, a field, a file); a list when the request body fails several checks',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: 'query parameter from: expected a date YYYY-MM-DD',
  })
  message!: string | string[];

  @ApiPropertyOptional({ description: 'the status text', example: 'Bad Request' })
  error?: string;

  @ApiPropertyOptional({ description: 'the request id (also in the X-Request-Id header and the audit log), to quote when reporting a problem' })
  requestId?: string;
}

/** What each error status means on this API (the description of the documented response). */
export const ERROR_MEANING: Record<number, string> = {
  400: 'Bad request: a parameter, field or file is invalid; the message names it and says what is allowed',
  401: 'No valid credentials: send Authorization: Bearer <token> (an API token or an OIDC JWT)',
  403: "The caller's role may not use this route or metric, or a regio token asked for another region",
  404: 'Not found',
  409: 'Conflict: the same batch is already being ingested; poll its status',
  411: 'Length required: an upload must say its size (Content-Length) so the upload quota can be checked before it is read',
  413: 'The request body or upload is larger than the configured limit',
  429: 'Too many requests for this token (or address) in the current window; try again later',
  503: 'Not available yet: no data has been loaded, or a store does not answer',
};

/** Documents error responses of a route in the API error shape. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: ERROR_MEANING[status] ?? STATUS_CODES[status] ?? 'Error',
        type: ApiErrorDto,
      }),
    ),
  );
}
