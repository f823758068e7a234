import { Inject, Injectable } from '@nestjs/common';
import { AnalyticReader, readSnapshotPointer } from '@weegwijzer/store';
import { ANALYTIC_READER, APP_CONFIG } from '../app/tokens';
import type { AppConfig } from '../config/app-config';

/** The dates the freshness line needs, read from the served snapshot. */
@Injectable()
export class FreshnessRepository {
  constructor(
    @Inject(ANALYTIC_READER) private readonly analytic: AnalyticReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The retention horizon of the served data (signals received before it were purged), from the snapshot pointer. */
  purgedBefore(): string | null {
    try {
      return readSnapshotPointer(this.config.dataDir)?.retention?.horizon ?? null;
    } catch {
      return null;
    }
  }

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
