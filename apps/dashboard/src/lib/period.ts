/** Months, quarters, years and dates as words, in the UI language. */
import type { Lang } from '../i18n/messages';

const LOCALE: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

function monthName(month: string, lang: Lang, style: 'short' | 'long'): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALE[lang], { month: style, year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** A period label of the API (`YYYY-MM`, `YYYY-Qn`, `YYYY`) in words: "okt 2025", "K4 2025", "2025". */
export function periodText(period: string, lang: Lang): string {
  if (/^\d{4}-\d{2}$/.test(period)) return monthName(period, lang, 'short');
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return `${lang === 'nl' ? 'K' : 'Q'}${q[2]} ${q[1]}`;
  return period;
}

/** A range of months (`YYYY-MM`) in words: "okt – dec 2025", "jan 2024 – dec 2025", "mrt 2025". */
export function monthRangeText(from: string | null, to: string | null, lang: Lang): string {
  if (from && to && from === to) return monthName(from, lang, 'short');
  if (from && to && from.slice(0, 4) === to.slice(0, 4)) {
    const short = (m: string) =>
      new Intl.DateTimeFormat(LOCALE[lang], { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5)) - 1, 1)));
    return `${short(from)} – ${monthName(to, lang, 'short')}`;
  }
  return `${from ? monthName(from, lang, 'short') : '…'} – ${to ? monthName(to, lang, 'short') : '…'}`;
}

/** A date (`YYYY-MM-DD`) in words: "30 november 2025". */
export function dateText(date: string, lang: Lang): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALE[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** The months of a preset ending in `last` (YYYY-MM): the quarter or the year that holds it. */
export function presetPeriod(kind: 'quarter' | 'year' | '12m', last: string): { from: string; to: string } {
  const [y, m] = last.split('-').map(Number);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (kind === 'year') return { from: `${y}-01`, to: `${y}-12` };
  if (kind === 'quarter') {
    const q0 = Math.floor((m - 1) / 3) * 3 + 1;
    return { from: `${y}-${pad(q0)}`, to: `${y}-${pad(q0 + 2)}` };
  }
  const i = y * 12 + (m - 1) - 11;
  return { from: `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`, to: last };
}
