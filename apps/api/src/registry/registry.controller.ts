import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { REGION_CODES } from '@weegwijzer/contract';
import { ApiErrors } from '../openapi/api-error.dto';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { ALL_ROLES, Roles } from '../auth/roles.decorator';
import { MunicipalityDto, RegionProfileDto, RegionProfileHistoryDto, TOPOJSON_SCHEMA, UpdateRegionProfileDto } from './registry.dto';
import { RegistryService } from './registry.service';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('v1/registry')
export class RegistryController {
  constructor(private readonly registry: RegistryService) {}

  @Get('regions')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Regions with their profile (a regio token: its own region only)' })
  @ApiOkResponse({ type: [RegionProfileDto] })
  regions(@CurrentPrincipal() p: Principal): Promise<RegionProfileDto[]> {
    return this.registry.listRegions(p);
  }

  @Get('regions/:code')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: "One region's profile" })
  @ApiParam({ name: 'code', enum: REGION_CODES, description: 'safety region code' })
  @ApiOkResponse({ type: RegionProfileDto })
  @ApiErrors(400, 403, 404)
  region(@CurrentPrincipal() p: Principal, @Param('code') code: string): Promise<RegionProfileDto> {
    return this.registry.getRegion(p, code);
  }

  @Put('regions/:code')
  @Roles('beheer')
  @ApiOperation({ summary: "Change a region's profile (beheer); every change is kept in the history" })
  @ApiParam({ name: 'code', enum: REGION_CODES, description: 'safety region code' })
  @ApiOkResponse({ type: RegionProfileDto, description: 'The profile after the change' })
  @ApiErrors(400, 403, 404, 413)
  update(@CurrentPrincipal() p: Principal, @Param('code') code: string, @Body() body: UpdateRegionProfileDto): Promise<RegionProfileDto> {
    return this.registry.updateRegion(p, code, body);
  }

  @Get('regions/:code/history')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: "Who changed what in a region's profile, and when" })
  @ApiParam({ name: 'code', enum: REGION_CODES, description: 'safety region code' })
  @ApiOkResponse({ type: [RegionProfileHistoryDto], description: 'Newest first' })
  @ApiErrors(400, 403, 404)
  history(@CurrentPrincipal() p: Principal, @Param('code') code: string): Promise<RegionProfileHistoryDto[]> {
    return this.registry.history(p, code);
  }

  @Get('municipalities')
  @Roles(...ALL_ROLES)
  @ApiQuery({ name: 'region', required: false, enum: REGION_CODES, description: 'only the municipalities of this safety region' })
  @ApiOperation({ summary: 'Municipalities with population per year (a regio token: its own region only)' })
  @ApiOkResponse({ type: [MunicipalityDto] })
  @ApiErrors(400, 403)
  municipalities(@CurrentPrincipal() p: Principal, @Query('region') region?: string): Promise<MunicipalityDto[]> {
    return this.registry.municipalities(p, region);
  }

  @Get('boundaries')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Boundaries as TopoJSON (objects vr_features, gm_features, nl_features; property code)' })
  @ApiOkResponse({ schema: TOPOJSON_SCHEMA, description: 'A TopoJSON Topology (a regio token: its own region and municipalities, and the national outline)' })
  boundaries(@CurrentPrincipal() p: Principal): unknown {
    return this.registry.boundaries(p);
  }
}
