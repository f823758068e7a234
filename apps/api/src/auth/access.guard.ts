import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@weegwijzer/contract';
import type { ApiRequestState } from './principal';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

/**
 * Deny by default: a route is reachable only if it is marked @Public() or lists the caller's
 * role in @Roles(...). Object-level checks (which regions) are done by the services.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const req = ctx.switchToHttp().getRequest<ApiRequestState>();
    if (!req.principal) throw new UnauthorizedException(req.authError ?? 'authentication required: send Authorization: Bearer <token>');
    if (!roles || !roles.includes(req.principal.role)) {
      throw new ForbiddenException(`role ${req.principal.role} may not use this route`);
    }
    return true;
  }
}
