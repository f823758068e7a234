import { Module } from '@nestjs/common';
import { FreshnessController } from './freshness.controller';
import { FreshnessRepository } from './freshness.repository';
import { FreshnessService } from './freshness.service';

@Module({ controllers: [FreshnessController], providers: [FreshnessRepository, FreshnessService] })
export class FreshnessModule {}
