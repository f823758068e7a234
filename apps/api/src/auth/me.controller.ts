import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { loadRegions } from '@weegwijzer/contract';
import { CurrentPrincipal } from './current-principal.decorator';
import type { Principal } from './principal';
import { ALL_ROLES, Roles } from './roles.decorator';

export interface MeDto {
  id: string;
  name: string;
  role: Principal['role'];
  region: string | null;
  regionName: string | null;
  via: Principal['kind'];
}

@ApiTags('identity')
@ApiBearerAuth()
@Controller('v1/me')
export class MeController {
  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Who the token belongs to: role and (for regio) region' })
  me(@CurrentPrincipal() p: Principal): MeDto {
    return toMe(p);
  }
}

function toMe(p: Principal): MeDto {
  const regionName = p.region ? (loadRegions().find((r) => r.code === p.region)?.name ?? null) : null;
  return { id: p.id, name: p.name, role: p.role, region: p.region, regionName, via: p.kind };
}
