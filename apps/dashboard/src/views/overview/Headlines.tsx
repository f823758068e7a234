import { useApp } from '../../app/context';
import { previousPeriod } from '../../app/url-state';
import { isProvisional } from '../../lib/freshness';
import { monthRangeText, periodText } from '../../lib/period';
import type { HeadlineItem } from '../facts-model';

/** The headline figures, each with the previous period of the same length and the change in words. */
export function Headlines({ items, scopeLabel }: { items: HeadlineItem[]; scopeLabel: string }) {
  const { t, lang, location, freshness } = useApp();
  const prev = previousPeriod(location.filters);
  const provisional = isProvisional(location.filters.to ?? freshness.dataThrough?.slice(0, 7) ?? null, freshness.provisionalFrom);
  return (
    <section aria-labelledby="headlines-title" data-panel="headlines">
      <h2 id="headlines-title">
        {t('headlines')} <span className="scope-label">({scopeLabel})</span>
      </h2>
      <p className="compare-intro">{prev ? t('compareIntro', { period: monthRangeText(prev.from, prev.to, lang) }) : t('compareHint')}</p>
      {provisional && freshness.provisionalFrom && (
        <p className="provisional-note">
          <span className="badge provisional">{t('provisional')}</span> {t('provisionalInPeriod', { from: periodText(freshness.provisionalFrom, lang) })}
        </p>
      )}
      <ul className="headlines">
        {items.map((h) => (
          <li key={h.id} data-headline={h.id}>
            <span className={`figure${h.cell?.suppression ? ' suppressed' : ''}`}>{h.cell?.text ?? '…'}</span>
            <span className="caption">{h.label}</span>
            {prev && (
              <span className="comparison" data-direction={h.change?.direction}>
                <span className="change">{h.change?.text}</span>
                <span className="previous">{t('compareWith', { period: monthRangeText(prev.from, prev.to, lang), value: h.previous?.text ?? '…' })}</span>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
