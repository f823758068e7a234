import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditModule } from '../audit/audit.module';
import { AccessGuard } from '../auth/access.guard';
import { AuthModule } from '../auth/auth.module';
import { BatchesModule } from '../batches/batches.module';
import { DemoModule } from '../demo/demo.module';
import { FreshnessModule } from '../freshness/freshness.module';
import { HealthModule } from '../health/health.module';
import { MetricsModule } from '../metrics/metrics.module';
import { OpsModule } from '../ops/ops.module';
import { RegistryModule } from '../registry/registry.module';
import { ApiThrottlerGuard, AUTH_FAILURES, hasRefusedCredential } from './api-throttler.guard';
import { CoreDeps, CoreModule } from './core.module';

@Module({})
export class AppModule {
  static register(deps: CoreDeps): DynamicModule {
    const { rateLimit, rateLimitWindowMs, authFailureLimit, authFailureWindowMs } = deps.config;
    return {
      module: AppModule,
      imports: [
        CoreModule.register(deps),
        ThrottlerModule.forRoot({
          throttlers: [
            // Per caller: the principal of a valid credential, otherwise the client address.
            { name: 'default', limit: Math.max(rateLimit, 1), ttl: rateLimitWindowMs, skipIf: () => rateLimit === 0 },
            // Refused credentials, per client address: guessing tokens is limited much sooner.
            { name: AUTH_FAILURES, limit: Math.max(authFailureLimit, 1), ttl: authFailureWindowMs, skipIf: (ctx) => authFailureLimit === 0 || !hasRefusedCredential(ctx) },
          ],
        }),
        AuthModule,
        AuditModule,
        HealthModule,
        RegistryModule,
        MetricsModule,
        BatchesModule,
        DemoModule,
        OpsModule,
        FreshnessModule,
      ],
      // Order matters: the rate limiter runs before the access decision.
      providers: [
        { provide: APP_GUARD, useClass: ApiThrottlerGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
    };
  }
}
