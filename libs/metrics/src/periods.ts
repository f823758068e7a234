/**
 * Periods of disclosure control v2 (METRICS.md rule 2): whole months, answered from fixed
 * calendar bins. A period is split into the fewest calendar years, quarters and months that
 * make it up (Feb–Jul 2024 = Feb + Mar + Q2 + Jul); a count over the period is the sum of
 * the released values of those bins, so the same month asked inside many overlapping
 * periods brings no fresh noise to average away.
 *
 * A bin is an integer: a year `2024`, a quarter `20242` (year·10 + quarter) or a month
 * `202407` (year·100 + month). The SQL computes it per row (`binExpression`).
 */
import { MetricParamError } from './errors';
import type { DialectName } from './types';

export type BinUnit = 'year' | 'quarter' | 'month';
const UNIT_MONTHS: Record<BinUnit, number> = { year: 12, quarter: 3, month: 1 };

/** A month as a number: year·12 + (month − 1). */
export type MonthIndex = number;

export function monthIndex(date: string): MonthIndex {
  const [y, m] = date.split('-').map(Number);
  return y * 12 + (m - 1);
}

export function monthStart(i: MonthIndex): string {
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}-01`;
}

export function monthEnd(i: MonthIndex): string {
  const y = Math.floor(i / 12);
  const m = (i % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/**
 * A period bound: `YYYY-MM`, or `YYYY-MM-DD` on a month bound (`from` the first day, `to`
 * the last day of its month). Returns the full date.
 */
export function parseMonthBound(field: 'from' | 'to', value: unknown): string {
  const text = typeof value === 'string' ? value : '';
  let m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) throw new MetricParamError(field, `'${field}' is not a calendar month: '${text}'`);
    const i = Number(m[1]) * 12 + month - 1;
    return field === 'from' ? monthStart(i) : monthEnd(i);
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new MetricParamError(field, `'${field}' must be a month YYYY-MM or a date YYYY-MM-DD on a month bound, got '${String(value)}'`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    throw new MetricParamError(field, `'${field}' is not a calendar date: '${text}'`);
  }
  const i = y * 12 + mo - 1;
  const bound = field === 'from' ? monthStart(i) : monthEnd(i);
  if (text !== bound) {
    throw new MetricParamError(
      field,
      field === 'from'
        ? `'from' must be the first day of a month (periods are whole months, METRICS.md disclosure rule 2): got '${text}', use '${monthStart(i)}' or '${text.slice(0, 7)}'`
        : `'to' must be the last day of a month (periods are whole months, METRICS.md disclosure rule 2): got '${text}', use '${monthEnd(i)}' or '${text.slice(0, 7)}'`,
    );
  }
  return bound;
}

/** A run of consecutive bins of one unit: months [lo, hi) (open ends for unbounded periods). */
export interface BinZone {
  lo: MonthIndex | null;
  hi: MonthIndex | null;
  unit: BinUnit;
}

const ceilTo = (i: number, n: number) => Math.ceil(i / n) * n;
const floorTo = (i: number, n: number) => Math.floor(i / n) * n;

/**
 * The fewest calendar bins covering months [from, to] (inclusive; null = unbounded), no
 * coarser than `largest`. Returned as zones of one unit each, in time order.
 */
export function binZones(from: MonthIndex | null, to: MonthIndex | null, largest: BinUnit = 'year'): BinZone[] {
  const end = to === null ? null : to + 1;
  const zones: BinZone[] = [];
  const push = (lo: number | null, hi: number | null, unit: BinUnit) => {
    if (lo !== null && hi !== null && lo >= hi) return;
    zones.push({ lo, hi, unit });
  };
  const units: BinUnit[] = largest === 'year' ? ['year', 'quarter', 'month'] : largest === 'quarter' ? ['quarter', 'month'] : ['month'];
  // split [lo, hi) into the largest aligned unit in the middle and finer units on both sides
  const split = (lo: number | null, hi: number | null, level: number) => {
    const unit = units[level];
    if (level === units.length - 1) return push(lo, hi, unit);
    const n = UNIT_MONTHS[unit];
    const a = lo === null ? null : ceilTo(lo, n);
    const b = hi === null ? null : floorTo(hi, n);
    if (a !== null && b !== null && a >= b) return split(lo, hi, level + 1);
    if (lo !== null) split(lo, a, level + 1);
    push(a, b, unit);
    if (hi !== null) split(b, hi, level + 1);
  };
  split(from, end, 0);
  return zones;
}

/** The bins of a bounded zone list, as ids (tests, trend labels). */
export function binsOf(zones: readonly BinZone[]): number[] {
  const out: number[] = [];
  for (const z of zones) {
    if (z.lo === null || z.hi === null) throw new Error('binsOf: unbounded zone');
    const n = UNIT_MONTHS[z.unit];
    for (let i = z.lo; i < z.hi; i += n) out.push(binId(i, z.unit));
  }
  return out;
}

export function binId(i: MonthIndex, unit: BinUnit): number {
  const y = Math.floor(i / 12);
  const m = (i % 12) + 1;
  return unit === 'year' ? y : unit === 'quarter' ? y * 10 + Math.ceil(m / 3) : y * 100 + m;
}

export function binUnit(id: number): BinUnit {
  return id >= 100000 ? 'month' : id >= 10000 ? 'quarter' : 'year';
}

/** The months [first, last] of a bin. */
export function binMonths(id: number): [MonthIndex, MonthIndex] {
  const unit = binUnit(id);
  if (unit === 'year') return [id * 12, id * 12 + 11];
  if (unit === 'quarter') {
    const y = Math.floor(id / 10);
    const q = id % 10;
    return [y * 12 + (q - 1) * 3, y * 12 + q * 3 - 1];
  }
  const y = Math.floor(id / 100);
  return [y * 12 + (id % 100) - 1, y * 12 + (id % 100) - 1];
}

/** The SQL expression giving each row's bin, from a DATE column, for rows already inside the period. */
export function binExpression(zones: readonly BinZone[], dialect: DialectName, column = 'received_at'): string {
  // INTEGER in both dialects (DuckDB's year() is a BIGINT, read value by value as a bigint)
  const part = (p: 'year' | 'quarter' | 'month') => (dialect === 'postgres' ? `CAST(extract(${p} FROM ${column}) AS INTEGER)` : `CAST(${p}(${column}) AS INTEGER)`);
  const expr = (unit: BinUnit) =>
    unit === 'year' ? part('year') : unit === 'quarter' ? `(${part('year')} * 10 + ${part('quarter')})` : `(${part('year')} * 100 + ${part('month')})`;
  if (zones.length === 1) return expr(zones[0].unit);
  const whens = zones.slice(0, -1).map((z) => `WHEN ${column} < DATE '${monthStart(z.hi as number)}' THEN ${expr(z.unit)}`);
  return `CASE ${whens.join(' ')} ELSE ${expr(zones[zones.length - 1].unit)} END`;
}
