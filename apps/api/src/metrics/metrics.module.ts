import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { AttentionFeedController } from './attention-feed.controller';
import { MetricsController } from './metrics.controller';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';

@Module({ imports: [RegistryModule], controllers: [MetricsController, AttentionFeedController], providers: [MetricsRepository, MetricsService] })
export class MetricsModule {}
