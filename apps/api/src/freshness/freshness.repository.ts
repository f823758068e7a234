import { Inject, Injectable } from '@nestjs/common';
import { AnalyticReader } from '@weegwijzer/store';
import { ANALYTIC_READER } from '../app/tokens';

/** The dates the freshness line needs, read from the served snapshot. */
@Injectable()
export class FreshnessRepository {
  constructor(@Inject(ANALYTIC_READER) private readonly analytic: AnalyticReader) {}

  async latestReceived(): Promise<string | null> {
    const rows = await this.analytic.query('SELECT CAST(max(received_at) AS VARCHAR) AS through FROM signals');
    return typeof rows[0]?.through === 'string' ? rows[0].through : null;
  }

  /** `produced_at` of every batch in the snapshot (its meta row `batches`). */
  async batchDates(): Promise<string[]> {
    const rows = await this.analytic.query("SELECT value FROM meta WHERE key = 'batches'");
    const list = JSON.parse(String(rows[0]?.value ?? '[]')) as { produced_at?: unknown }[];
    return list.map((b) => String(b.produced_at ?? '')).filter(Boolean);
  }

  async builtAt(): Promise<string> {
    return (await this.analytic.info()).builtAt;
  }
}
