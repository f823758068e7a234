import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditModule } from '../audit/audit.module';
import { AccessGuard } from '../auth/access.guard';
import { AuthModule } from '../auth/auth.module';
import { BatchesModule } from '../batches/batches.module';
import { DemoModule } from '../demo/demo.module';
import { HealthModule } from '../health/health.module';
import { MetricsModule } from '../metrics/metrics.module';
import { OpsModule } from '../ops/ops.module';
import { RegistryModule } from '../registry/registry.module';
import { ApiThrottlerGuard } from './api-throttler.guard';
import { CoreDeps, CoreModule } from './core.module';

@Module({})
export class AppModule {
  static register(deps: CoreDeps): DynamicModule {
    const { rateLimit, rateLimitWindowMs } = deps.config;
    return {
      module: AppModule,
      imports: [
        CoreModule.register(deps),
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'per-token', limit: Math.max(rateLimit, 1), ttl: rateLimitWindowMs }],
          skipIf: () => rateLimit === 0,
        }),
        AuthModule,
        AuditModule,
        HealthModule,
        RegistryModule,
        MetricsModule,
        BatchesModule,
        DemoModule,
        OpsModule,
      ],
      // Order matters: the rate limiter runs before the access decision.
      providers: [
        { provide: APP_GUARD, useClass: ApiThrottlerGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
    };
  }
}
