import type { ColumnKind } from '../api/types';
import type { Lang } from '../i18n/messages';
import { AXIS_COLOUR, TEXT_COLOUR } from './palette';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Axis labels in the column's unit (percent for shares), with no more digits than the ticks need. */
export function axisFormatter(kind: ColumnKind, lang: Lang) {
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const num = new Intl.NumberFormat(locale, { maximumSignificantDigits: 3 });
  return (v: number) => (kind === 'share' ? pct.format(v) : num.format(v));
}

export const BASE_TEXT = { color: TEXT_COLOUR, fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', fontSize: 13 };

export function valueAxis(kind: ColumnKind, lang: Lang, extra: Record<string, unknown> = {}) {
  return {
    type: 'value',
    axisLabel: { ...BASE_TEXT, formatter: axisFormatter(kind, lang) },
    axisLine: { lineStyle: { color: AXIS_COLOUR } },
    splitLine: { lineStyle: { color: '#e3e3e3' } },
    // A round maximum (a multiple of 10%), so no stray label such as "83,6%" beside "80%".
    ...(kind === 'share' ? { max: (v: { max: number }) => Math.min(1, Math.max(0.1, Math.ceil(v.max * 10.5) / 10)) } : {}),
    ...extra,
  };
}

export function categoryAxis(labels: string[], extra: Record<string, unknown> = {}) {
  return {
    type: 'category',
    data: labels,
    axisLabel: { ...BASE_TEXT, interval: 0 },
    axisLine: { lineStyle: { color: AXIS_COLOUR } },
    axisTick: { alignWithLabel: true },
    ...extra,
  };
}

// A plain legend wraps onto more lines instead of paging, so no series is hidden behind arrows.
export const LEGEND = { top: 0, type: 'plain', textStyle: BASE_TEXT, itemGap: 14 };

/** Room above the grid for a wrapping legend of `n` series. */
export function legendHeight(n: number): number {
  return n > 1 ? 12 + Math.ceil(n / 4) * 24 : 16;
}
export const TOOLTIP = { confine: true, textStyle: { ...BASE_TEXT }, borderColor: AXIS_COLOUR };
