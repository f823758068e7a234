import { Module } from '@nestjs/common';
import { OpsMetricsController } from './ops-metrics.controller';
import { OpsMetricsService } from './ops-metrics.service';
import { OpsMetrics, opsMetrics } from './prometheus.registry';

/** Operations: the Prometheus endpoint (backup and restore are CLI and control-socket commands). */
@Module({ controllers: [OpsMetricsController], providers: [{ provide: OpsMetrics, useValue: opsMetrics }, OpsMetricsService], exports: [OpsMetrics] })
export class OpsModule {}
