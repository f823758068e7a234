import { ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { APP_CONFIG } from '../app/tokens';
import type { Principal } from '../auth/principal';
import type { AppConfig } from '../config/app-config';
import { addressMatcher } from './ops.config';
import { OpsMetrics } from './prometheus.registry';

export interface Scrape {
  contentType: string;
  body: string;
}

/** Who may scrape: a `beheer` caller, or any caller from an address in METRICS_ALLOW. */
@Injectable()
export class OpsMetricsService {
  private readonly allowed: (address: string | undefined) => boolean;

  constructor(
    @Inject(OpsMetrics) private readonly metrics: OpsMetrics,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.allowed = addressMatcher(config.ops.metricsAllow);
  }

  async scrape(principal: Principal | null | undefined, address: string | undefined, authError?: string): Promise<Scrape> {
    if (principal?.role !== 'beheer' && !this.allowed(address)) {
      if (!principal) throw new UnauthorizedException(authError ?? 'metrics need a beheer token, or a client address listed in METRICS_ALLOW');
      throw new ForbiddenException(`role ${principal.role} may not read the metrics (beheer only)`);
    }
    return { contentType: this.metrics.registry.contentType, body: await this.metrics.registry.metrics() };
  }
}
