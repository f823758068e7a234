import { Inject, Injectable } from '@nestjs/common';
import { AnalyticReader, readSnapshotPointer, type RetentionMark, type SnapshotInfo } from '@weegwijzer/store';
import { DataSource } from 'typeorm';
import { ANALYTIC_READER, APP_CONFIG, OPERATIONAL_STORE } from '../app/tokens';
import type { AppConfig } from '../config/app-config';

@Injectable()
export class HealthRepository {
  constructor(
    @Inject(OPERATIONAL_STORE) private readonly ds: DataSource,
    @Inject(ANALYTIC_READER) private readonly analytic: AnalyticReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The last retention purge published with the served data (from the snapshot pointer). */
  lastPurge(): RetentionMark | null {
    try {
      return readSnapshotPointer(this.config.dataDir)?.retention ?? null;
    } catch {
      return null;
    }
  }

  async pingOperational(): Promise<void> {
    await this.ds.query('SELECT 1');
  }

  /** Runs a query on the served snapshot and returns its facts. */
  async pingAnalytic(): Promise<SnapshotInfo> {
    await this.analytic.query('SELECT 1 AS ok');
    return this.analytic.info();
  }
}
