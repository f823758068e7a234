import { Module } from '@nestjs/common';
import { OpsMetricsController } from './ops-metrics.controller';
import { OpsMetrics, opsMetrics } from './prometheus';

/** Operations: the Prometheus endpoint (backup and restore are CLI and control-socket commands). */
@Module({ controllers: [OpsMetricsController], providers: [{ provide: OpsMetrics, useValue: opsMetrics }], exports: [OpsMetrics] })
export class OpsModule {}
