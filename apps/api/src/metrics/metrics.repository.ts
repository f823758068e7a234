import { Inject, Injectable } from '@nestjs/common';
import type { QueryFn } from '@weegwijzer/contract';
import { AnalyticReader } from '@weegwijzer/store';
import { ANALYTIC_READER } from '../app/tokens';

/** The analytic store as the metrics library sees it: a QueryFn over the served snapshot. */
@Injectable()
export class MetricsRepository {
  constructor(@Inject(ANALYTIC_READER) private readonly analytic: AnalyticReader) {}

  get query(): QueryFn {
    return this.analytic.query;
  }

  /** When the snapshot being served was built (ISO time). */
  async builtAt(): Promise<string> {
    return (await this.analytic.info()).builtAt;
  }

  /** Id of the snapshot being served (throws NoSnapshotError before the first ingest). */
  async snapshotId(): Promise<string> {
    return (await this.analytic.info()).snapshotId;
  }
}
