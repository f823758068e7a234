import { Inject, Injectable } from '@nestjs/common';
import { AnalyticReader, type SnapshotInfo } from '@weegwijzer/store';
import { DataSource } from 'typeorm';
import { ANALYTIC_READER, OPERATIONAL_STORE } from '../app/tokens';

@Injectable()
export class HealthRepository {
  constructor(
    @Inject(OPERATIONAL_STORE) private readonly ds: DataSource,
    @Inject(ANALYTIC_READER) private readonly analytic: AnalyticReader,
  ) {}

  async pingOperational(): Promise<void> {
    await this.ds.query('SELECT 1');
  }

  /** Runs a query on the served snapshot and returns its facts. */
  async pingAnalytic(): Promise<SnapshotInfo> {
    await this.analytic.query('SELECT 1 AS ok');
    return this.analytic.info();
  }
}
