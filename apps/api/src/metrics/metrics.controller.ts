import { Controller, Get, Headers, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../openapi/api-error.dto';
import { CatalogueEntryDto, MetricResponseDto } from './metric.dto';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { ApiRequestState, Principal } from '../auth/principal';
import { ALL_ROLES, Roles } from '../auth/roles.decorator';
import { ARROW_STREAM_TYPE } from './arrow-format';
import { MetricsService } from './metrics.service';

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('v1/metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: "The metric catalogue for the caller's role: names, labels (nl/en), descriptions, dimensions, filters, parameters" })
  @ApiOkResponse({ type: [CatalogueEntryDto] })
  list(@CurrentPrincipal() p: Principal) {
    return this.metrics.catalogue(p);
  }

  @Get(':name')
  @Roles(...ALL_ROLES)
  @ApiParam({ name: 'name', description: 'metric name from the catalogue' })
  @ApiProduces('application/json', 'text/csv', ARROW_STREAM_TYPE)
  @ApiOperation({
    summary: 'One metric by name (each metric also has its own route below, with exactly the parameters it accepts)',
    description:
      "Scope (regions, from, to: whole months, YYYY-MM), filters and the metric's own parameters as the catalogue lists them; format=json|csv|arrow (or the Accept header); sep for CSV.",
  })
  @ApiOkResponse({ type: MetricResponseDto })
  @ApiErrors(400, 403, 404, 503)
  async run(
    @CurrentPrincipal() p: Principal,
    @Param('name') name: string,
    @Query() query: Record<string, unknown>,
    @Headers('accept') accept: string | undefined,
    @Req() req: Request & ApiRequestState,
    @Res({ passthrough: true }) res: Response,
  ) {
    req.auditParams = this.metrics.auditParamsOf(name, query);
    res.vary('Accept');
    return (await this.metrics.run(p, name, query, accept)).body;
  }
}
