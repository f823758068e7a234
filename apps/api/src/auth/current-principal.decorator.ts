import { createParamDecorator, ExecutionContext, UnauthorizedException } from '@nestjs/common';
import type { ApiRequestState, Principal } from './principal';

/** The authenticated caller; routes using it are behind the access guard, so it is always set. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<ApiRequestState>();
  if (!req.principal) throw new UnauthorizedException('authentication required');
  return req.principal;
});
