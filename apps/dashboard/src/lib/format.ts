/**
 * How a metric value is written: by its column kind, in the chosen language, and with a
 * suppressed value spelled out ("< 5") instead of shown as zero or left blank.
 */
import type { CellValue, ColumnKind } from '../api/types';
import { translate, type Lang } from '../i18n/messages';

/**
 * Why a value is absent (the reasons of libs/metrics disclosure/reasons.ts): a small count,
 * a small base under a share/median, withheld (derivable from a total, or computed from a
 * withheld count), or too few other regions for a peer distribution.
 */
export type SuppressionKind = 'count' | 'base' | 'secondary' | 'peers';

export function classifySuppression(kind: ColumnKind, reason: string): SuppressionKind {
  if (/peer/i.test(reason)) return 'peers';
  if (/second|deriv|from a suppressed/i.test(reason)) return 'secondary';
  return kind === 'count' ? 'count' : 'base';
}

export function suppressedText(s: SuppressionKind, k: number, lang: Lang): string {
  if (s === 'count') return `< ${k}`;
  if (s === 'base') return translate(lang, 'suppressedSmallBase', { k });
  if (s === 'peers') return translate(lang, 'suppressedPeers');
  return translate(lang, 'suppressedSecondary');
}

const LOCALE: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };
const formatters = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, min: number, max: number, style: 'decimal' | 'percent' = 'decimal'): Intl.NumberFormat {
  const key = `${lang}|${min}|${max}|${style}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: min, maximumFractionDigits: max, style });
    formatters.set(key, f);
  }
  return f;
}

/** A number (or flag) of the given kind for display; dimensions are labelled elsewhere. */
export function formatValue(value: CellValue, kind: ColumnKind, lang: Lang): string {
  if (value === null || value === undefined) return translate(lang, 'notApplicable');
  if (kind === 'flag') {
    const yes = value === true || value === 1 || value === 'true';
    return translate(lang, yes ? 'yes' : 'no');
  }
  if (typeof value !== 'number') return String(value);
  switch (kind) {
    case 'count':
      return nf(lang, 0, 0).format(value);
    case 'share':
      return nf(lang, 1, 1, 'percent').format(value);
    case 'ratio':
      return nf(lang, 2, 2).format(value);
    case 'days':
    case 'rate_per_100k':
      return nf(lang, 1, 1).format(value);
    case 'probability':
      return value < 0.001 ? `< ${nf(lang, 3, 3).format(0.001)}` : nf(lang, 3, 3).format(value);
    default:
      return nf(lang, 0, 2).format(value);
  }
}

/** A plain number for a CSV cell: full precision, the language's decimal mark, no grouping. */
export function csvNumber(value: number, lang: Lang): string {
  const s = String(value);
  return lang === 'nl' ? s.replace('.', ',') : s;
}
