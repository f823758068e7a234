import { Injectable } from '@nestjs/common';
import { monthEnd, monthIndex } from '@weegwijzer/metrics';
import { NoSnapshotError } from '@weegwijzer/store';
import type { FreshnessDto } from './freshness.dto';
import { FreshnessRepository } from './freshness.repository';

@Injectable()
export class FreshnessService {
  constructor(private readonly repo: FreshnessRepository) {}

  /** Dates only (no counts), so every role may read them. */
  async get(): Promise<FreshnessDto> {
    try {
      const [dataThrough, produced, builtAt] = await Promise.all([this.repo.latestReceived(), this.repo.batchDates(), this.repo.builtAt()]);
      const lastDelivery = produced.length ? produced.reduce((a, b) => (a > b ? a : b)).slice(0, 10) : null;
      // the month, not the day of the latest signal (a record's date): periods are whole months
      const through = dataThrough && /^\d{4}-\d{2}/.test(dataThrough) ? monthEnd(monthIndex(`${dataThrough.slice(0, 7)}-01`)) : null;
      return { dataThrough: through, lastDelivery, snapshotBuiltAt: builtAt || null };
    } catch (e) {
      if (e instanceof NoSnapshotError) return { dataThrough: null, lastDelivery: null, snapshotBuiltAt: null };
      throw e;
    }
  }
}
