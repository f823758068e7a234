/**
 * The change between two released values of the same figure (this period and the previous
 * one): their difference, which is a difference of protected numbers, in words and with an
 * arrow so it does not rest on colour alone.
 */
import type { ColumnKind } from '../api/types';
import { translate, type Lang } from '../i18n/messages';
import type { TableCell } from './table';

export interface Change {
  direction: 'up' | 'down' | 'same' | 'unknown';
  /** "▲ 12 hoger dan de vorige periode" */
  text: string;
}

function diffText(diff: number, kind: ColumnKind, lang: Lang): string {
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  const abs = Math.abs(diff);
  if (kind === 'share') return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(abs * 100)} ${translate(lang, 'percentagePoints')}`;
  if (kind === 'count') return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(abs);
  if (kind === 'days') return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(abs)} ${translate(lang, 'days')}`;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2, minimumFractionDigits: kind === 'ratio' ? 2 : 1 }).format(abs);
}

export function changeOf(current: TableCell | undefined, previous: TableCell | undefined, kind: ColumnKind, lang: Lang): Change {
  const a = current?.raw;
  const b = previous?.raw;
  if (typeof a !== 'number' || typeof b !== 'number' || current?.suppression || previous?.suppression) {
    return { direction: 'unknown', text: translate(lang, 'changeUnknown') };
  }
  const diff = a - b;
  // Equal as shown: a share to one decimal of a percent, days to one decimal, counts whole.
  const step = kind === 'share' ? 0.0005 : kind === 'count' ? 0.5 : 0.05;
  if (Math.abs(diff) < step) return { direction: 'same', text: translate(lang, 'changeSame') };
  const d = diffText(diff, kind, lang);
  return diff > 0 ? { direction: 'up', text: translate(lang, 'changeUp', { diff: d }) } : { direction: 'down', text: translate(lang, 'changeDown', { diff: d }) };
}
