import { SetMetadata } from '@nestjs/common';
import type { Role } from '@weegwijzer/contract';

export const ROLES_KEY = 'weegwijzer:roles';
export const PUBLIC_KEY = 'weegwijzer:public';

/** The roles that may call a route. Routes without @Roles or @Public are denied to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route anyone may call without credentials (health, docs, demo sessions). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const ALL_ROLES: Role[] = ['inspectie', 'nctv', 'regio', 'beheer'];
