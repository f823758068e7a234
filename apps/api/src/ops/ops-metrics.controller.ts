import { Controller, ForbiddenException, Get, Inject, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../app/tokens';
import type { ApiRequestState } from '../auth/principal';
import { Public } from '../auth/roles.decorator';
import type { AppConfig } from '../config/app-config';
import { addressMatcher } from './ops-config';
import { OpsMetrics } from './prometheus';

/**
 * `/api/metrics` for a Prometheus scraper: with a `beheer` token, or without one from an
 * address in METRICS_ALLOW. (The route is public to the access guard so that the address rule
 * can apply; the check is here.)
 */
@ApiTags('operations')
@Controller('metrics')
export class OpsMetricsController {
  private readonly allowed: (address: string | undefined) => boolean;

  constructor(
    @Inject(OpsMetrics) private readonly metrics: OpsMetrics,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.allowed = addressMatcher(config.ops.metricsAllow);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format): beheer token, or a client address in METRICS_ALLOW' })
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'Prometheus text format 0.0.4' })
  @ApiResponse({ status: 401, description: 'no credentials and the address is not in METRICS_ALLOW' })
  @ApiResponse({ status: 403, description: 'a role other than beheer' })
  async scrape(@Req() req: Request & ApiRequestState, @Res() res: Response): Promise<void> {
    const role = req.principal?.role;
    if (role !== 'beheer' && !this.allowed(req.socket.remoteAddress)) {
      if (!req.principal) throw new UnauthorizedException(req.authError ?? 'metrics need a beheer token, or a client address listed in METRICS_ALLOW');
      throw new ForbiddenException(`role ${role} may not read the metrics (beheer only)`);
    }
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.status(200).end(await this.metrics.registry.metrics());
  }
}
