import type * as Api from '@weegwijzer/api-types';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { REGION_CODE_PATTERN } from '../openapi/region-code';
import { loadRegions, ROLES } from '@weegwijzer/contract';
import { DATA_FILE_EXTENSIONS } from '@weegwijzer/etl';
import { CurrentPrincipal } from './current-principal.decorator';
import type { Principal } from './principal';
import { ALL_ROLES, Roles } from './roles.decorator';

/** Who the credentials belong to. */
export class MeDto implements Api.Me {
  @ApiProperty({ description: 'token id (tok_…) or oidc:<subject>', example: 'tok_0123456789ab' })
  id!: string;

  @ApiProperty({ description: 'token name or OIDC subject', example: 'Inspecteur Jansen' })
  name!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'inspectie' })
  role!: Principal['role'];

  @ApiProperty({ type: 'string', nullable: true, pattern: REGION_CODE_PATTERN, description: 'the region a regio caller is bound to; null for the other roles', example: null })
  region!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'the CBS name of that region', example: null })
  regionName!: string | null;

  @ApiProperty({ enum: ['token', 'oidc'], description: 'API token or OIDC JWT', example: 'token' })
  via!: Principal['kind'];

  @ApiProperty({
    type: [String],
    description: "what a delivery's data files may end in (one entry per input format the ETL reads): for the upload's file picker and its help texts",
    example: DATA_FILE_EXTENSIONS,
  })
  dataFileExtensions!: string[];
}

@ApiTags('identity')
@ApiBearerAuth()
@Controller('v1/me')
export class MeController {
  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Who the token belongs to: role and (for regio) region' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentPrincipal() p: Principal): MeDto {
    return toMe(p);
  }
}

function toMe(p: Principal): MeDto {
  const regionName = p.region ? (loadRegions().find((r) => r.code === p.region)?.name ?? null) : null;
  return { id: p.id, name: p.name, role: p.role, region: p.region, regionName, via: p.kind, dataFileExtensions: [...DATA_FILE_EXTENSIONS] };
}
