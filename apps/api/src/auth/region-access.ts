import { ForbiddenException } from '@nestjs/common';
import type { Principal } from './principal';

/** Object-level check: may this caller touch this region's data? */
export function canAccessRegion(p: Principal, region: string): boolean {
  return p.role !== 'regio' || p.region === region;
}

/**
 * Throws 403 unless the caller may touch `region`. The message names only the caller's own
 * region: a regio response never carries another region's code.
 */
export function assertRegionAccess(p: Principal, region: string, what: string): void {
  if (!canAccessRegion(p, region)) {
    throw new ForbiddenException(`a regio token may only ${what} its own region (${p.region})`);
  }
}
