/**
 * The retention term (`WEEGWIJZER_RETENTION`, e.g. `5y`, `18m`, `400d`) and its horizon:
 * a signal whose `received_at` lies before `today − term` has outlived its term and is
 * removed with its assessments (CONTRACT.md, Retention). "Today" is the calendar date in
 * the Netherlands, as for every other date rule.
 */
export interface RetentionTerm {
  /** As configured, e.g. `5y`. */
  text: string;
  years: number;
  months: number;
  days: number;
}

export class RetentionConfigError extends Error {
  constructor(value: string) {
    super(`WEEGWIJZER_RETENTION must be a whole number followed by y, m or d (e.g. 5y, 18m, 400d), got ${JSON.stringify(value.slice(0, 20))}`);
    this.name = 'RetentionConfigError';
  }
}

export function parseRetention(value: string): RetentionTerm {
  const m = /^\s*(\d{1,4})\s*([ymd])\s*$/i.exec(value);
  if (!m || Number(m[1]) === 0) throw new RetentionConfigError(value);
  const n = Number(m[1]);
  const unit = m[2].toLowerCase();
  return { text: `${n}${unit}`, years: unit === 'y' ? n : 0, months: unit === 'm' ? n : 0, days: unit === 'd' ? n : 0 };
}

/** The first day still kept: `today − term` (29 February minus a year is 1 March). */
export function retentionHorizon(today: string, term: RetentionTerm): string {
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y - term.years, m - 1 - term.months, d - term.days)).toISOString().slice(0, 10);
}
