/**
 * What a retention purge leaves behind in the operational store: one `purge_log` row per
 * region (counts only) and one audit-log entry per region. Idempotent per purge, so the
 * start-up recovery can settle a purge whose pointer was published just before a crash.
 */
import type { DataSource } from 'typeorm';
import { PurgeLogEntity, type RetentionMark } from '@weegwijzer/store';

export class PurgeRepository {
  constructor(private readonly store: DataSource) {}

  async isRecorded(purgeId: string): Promise<boolean> {
    return (await this.store.getRepository(PurgeLogEntity).countBy({ purgeId })) > 0;
  }

  async record(mark: RetentionMark, snapshotId: string, durationMs: number): Promise<void> {
    if (await this.isRecorded(mark.purge_id)) return;
    await this.store.transaction(async (m) => {
      for (const r of mark.removed) {
        await m.getRepository(PurgeLogEntity).insert({
          purgeId: mark.purge_id,
          purgedAt: new Date(mark.purged_at),
          term: mark.term,
          horizon: mark.horizon,
          regionCode: r.region_code,
          signals: r.signals,
          assessments: r.assessments,
          snapshotId,
        });
        await m.query(
          `INSERT INTO audit_log ("at", "who", "role", "region_code", "method", "route", "params", "status", "duration_ms") VALUES ($1, $2, NULL, $3, $4, $5, $6, $7, $8)`,
          [
            new Date(mark.purged_at),
            'system:retention',
            r.region_code,
            'PURGE',
            'retention',
            JSON.stringify({ purge_id: mark.purge_id, term: mark.term, horizon: mark.horizon, signals: r.signals, assessments: r.assessments, snapshot_id: snapshotId }),
            200,
            durationMs,
          ],
        );
      }
    });
  }
}
