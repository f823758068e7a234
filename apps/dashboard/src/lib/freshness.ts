/**
 * How fresh the data is and which periods are still provisional ("voorlopig"): a period is
 * provisional when it ends less than the 90th-percentile lead time (receipt to weegploeg
 * decision, a released value of metric `leadtime`) before the latest receipt date, because
 * many of its signals are then still open and its drop rates and lead times look better than
 * they will be.
 */

export interface Freshness {
  /** Latest received_at in the served data (YYYY-MM-DD). */
  dataThrough: string | null;
  /** Latest delivery (YYYY-MM-DD). */
  lastDelivery: string | null;
  /** The released 90th-percentile days from receipt to decision, if any. */
  p90Days: number | null;
  /** The first provisional month (YYYY-MM), or null when none is. */
  provisionalFrom: string | null;
  /** Retention: signals received before this date (YYYY-MM-DD) were purged; null = none. */
  purgedBefore: string | null;
}

const DAY = 86_400_000;

/** The first month that ends after `dataThrough − p90Days`; without a lead time the month of `dataThrough` when it is incomplete. */
export function provisionalFrom(dataThrough: string | null, p90Days: number | null): string | null {
  if (!dataThrough || !/^\d{4}-\d{2}-\d{2}$/.test(dataThrough)) return null;
  const through = Date.parse(`${dataThrough}T00:00:00Z`);
  if (p90Days !== null && p90Days > 0) {
    const cutoff = new Date(through - Math.ceil(p90Days) * DAY).toISOString().slice(0, 10);
    return cutoff.slice(0, 7);
  }
  const next = new Date(through + DAY).toISOString().slice(0, 10);
  // dataThrough is the last day of its month: nothing is incomplete by this rule.
  return next.slice(0, 7) === dataThrough.slice(0, 7) ? dataThrough.slice(0, 7) : null;
}

/** The last month (YYYY-MM) of a period label `YYYY-MM`, `YYYY-Qn` or `YYYY`. */
export function lastMonthOf(period: string): string | null {
  let m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return period;
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) return `${m[1]}-${String(Number(m[2]) * 3).padStart(2, '0')}`;
  m = /^(\d{4})$/.exec(period);
  return m ? `${m[1]}-12` : null;
}

/** Whether a period (label, or a filter's last month) reaches into the provisional months. */
export function isProvisional(period: string | null, from: string | null): boolean {
  if (!period || !from) return false;
  const last = lastMonthOf(period);
  return last !== null && last >= from;
}
