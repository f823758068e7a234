import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { ApiRequestState } from '../auth/principal';
import { Public } from '../auth/roles.decorator';
import { OpsMetricsService } from './ops-metrics.service';

/**
 * `/api/metrics` for a Prometheus scraper. Public to the access guard so that the address rule
 * (METRICS_ALLOW) can apply; OpsMetricsService decides.
 */
@ApiTags('operations')
@Controller('metrics')
export class OpsMetricsController {
  constructor(private readonly ops: OpsMetricsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format): beheer token, or a client address in METRICS_ALLOW' })
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'Prometheus text format 0.0.4' })
  @ApiResponse({ status: 401, description: 'no credentials and the address is not in METRICS_ALLOW' })
  @ApiResponse({ status: 403, description: 'a role other than beheer' })
  async scrape(@Req() req: Request & ApiRequestState, @Res() res: Response): Promise<void> {
    const s = await this.ops.scrape(req.principal, req.socket.remoteAddress, req.authError);
    res.status(200).setHeader('Content-Type', s.contentType).end(s.body);
  }
}
