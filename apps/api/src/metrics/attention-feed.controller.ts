import { Controller, Get, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RECEIVING_PARTIES, REGION_CODES } from '@weegwijzer/contract';
import { findMetric } from '@weegwijzer/metrics';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { ApiRequestState, Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../openapi/api-error.dto';
import { ATOM_TYPE, renderAttentionFeed } from './attention-feed';
import { MetricsService } from './metrics.service';

const ATTENTION = findMetric('attention');

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('v1')
export class AttentionFeedController {
  constructor(private readonly metrics: MetricsService) {}

  @Get('attention.atom')
  @Roles(...ATTENTION.roles)
  @ApiOperation({
    operationId: 'attention_feed',
    summary: 'The attention list as an Atom 1.0 feed: one entry per flagged change of metric attention',
    description:
      'Every row of metric `attention` with flag = true (Benjamini–Hochberg q < 0.05) as an Atom entry: a stable id per region, series and quarter ' +
      '(`urn:weegwijzer:attention:<quarter>:<region or NL>:<series>`), updated = the build time of the data snapshot. Same scope parameters as the metric. ' +
      `Roles: ${ATTENTION.roles.join(', ')}.`,
  })
  @ApiQuery({
    name: 'regions',
    required: false,
    description: 'comma-separated region codes (VR01..VR25): only their entries (the q-values are over all regions)',
    schema: { type: 'string', pattern: `^(${REGION_CODES.join('|')})(,(${REGION_CODES.join('|')}))*$` },
  })
  @ApiQuery({ name: 'from', required: false, description: 'first month of the period, YYYY-MM', schema: { type: 'string' } })
  @ApiQuery({ name: 'to', required: false, description: 'last month of the period, YYYY-MM: the compared quarter is the last complete one up to it', schema: { type: 'string' } })
  @ApiQuery({ name: 'receiving_party', required: false, description: 'only signals received by this party', schema: { type: 'string', enum: [...RECEIVING_PARTIES] } })
  @ApiOkResponse({ description: 'Atom 1.0 feed (RFC 4287), UTF-8', content: { [ATOM_TYPE]: { schema: { type: 'string' } } } })
  @ApiErrors(400, 403, 503)
  async feed(
    @CurrentPrincipal() p: Principal,
    @Query() query: Record<string, unknown>,
    @Req() req: Request & ApiRequestState,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    req.auditParams = this.metrics.auditParamsOf('attention', query);
    const response = await this.metrics.response(p, 'attention', query);
    const built = await this.metrics.snapshotBuiltAt();
    const time = Number.isNaN(Date.parse(built)) ? new Date(0).toISOString() : new Date(built).toISOString();
    res.vary('Authorization');
    const xml = Buffer.from(renderAttentionFeed(response, time, req.originalUrl), 'utf8');
    return new StreamableFile(xml, { type: `${ATOM_TYPE}; charset=utf-8`, length: xml.length });
  }
}
