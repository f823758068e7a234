import { DynamicModule, Global, Module } from '@nestjs/common';
import type { Ingestor } from '@weegwijzer/etl';
import type { AnalyticReader } from '@weegwijzer/store';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { ANALYTIC_READER, APP_CONFIG, INGESTOR, OPERATIONAL_STORE } from './tokens';

/** The runtime objects the app is built around, opened before Nest starts (see createApp). */
export interface CoreDeps {
  config: AppConfig;
  store: DataSource;
  analytic: AnalyticReader;
  ingestor: Ingestor;
}

@Global()
@Module({})
export class CoreModule {
  static register(deps: CoreDeps): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: deps.config },
      { provide: OPERATIONAL_STORE, useValue: deps.store },
      { provide: ANALYTIC_READER, useValue: deps.analytic },
      { provide: INGESTOR, useValue: deps.ingestor },
    ];
    return { module: CoreModule, providers, exports: providers.map((p) => p.provide) };
  }
}
