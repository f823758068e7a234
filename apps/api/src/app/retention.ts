/**
 * The retention purge of the running API: once at start and then daily, through the same
 * Ingestor queue as uploads (one writer). Without WEEGWIJZER_RETENTION records are kept;
 * outside demo mode that is said at start, since the deployment must set a term.
 */
import type { LoggerService } from '@nestjs/common';
import type { Ingestor } from '@weegwijzer/etl';
import type { AppConfig } from '../config/app-config';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Starts the schedule; returns the function that stops it. */
export function scheduleRetention(config: AppConfig, ingestor: Ingestor, log: LoggerService): () => void {
  const term = config.retention;
  if (!term) {
    if (!config.demo.enabled)
      log.warn?.('WEEGWIJZER_RETENTION is not set: records are kept without a retention term; set it from the legal basis of this deployment (e.g. 5y)', 'retention');
    return () => undefined;
  }
  const run = () =>
    ingestor
      .purge(term)
      .then((r) => {
        const n = r.removed.reduce((a, x) => ({ s: a.s + x.signals, a: a.a + x.assessments }), { s: 0, a: 0 });
        log.log(`retention ${r.term}: signals received before ${r.horizon} removed: ${n.s} signals, ${n.a} assessments`, 'retention');
      })
      .catch((e: Error) => log.error(`retention purge failed: ${e.name}: ${e.message}`, undefined, 'retention'));
  void run();
  const timer = setInterval(() => void run(), DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
