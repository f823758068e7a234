import { useApp } from '../app/context';
import { dateText, periodText } from '../lib/period';

/** "Gegevens t/m …, laatste levering …" and which periods are provisional, on every page. */
export function FreshnessLine() {
  const { t, lang, freshness, location } = useApp();
  if (!freshness.dataThrough) return <p className="freshness">{t('freshnessUnknown')}</p>;
  const from = freshness.provisionalFrom;
  return (
    <div className="freshness" data-through={freshness.dataThrough} data-provisional-from={from ?? ''}>
      <p>
        <strong>{t('freshness', { through: dateText(freshness.dataThrough, lang) })}</strong>
        {freshness.lastDelivery && <> · {t('freshnessDelivery', { date: dateText(freshness.lastDelivery, lang) })}</>}
      </p>
      {freshness.purgedBefore && (
        <p className="purged-note">
          <span className="badge">{t('purged')}</span> {t('purgedNote', { date: dateText(freshness.purgedBefore, lang) })}
          {location.filters.from && `${location.filters.from}`.slice(0, 7) < freshness.purgedBefore.slice(0, 7) && (
            <> {t('purgedInPeriod', { date: dateText(freshness.purgedBefore, lang) })}</>
          )}
        </p>
      )}
      {from && (
        <p className="provisional-note">
          <span className="badge provisional">{t('provisional')}</span>{' '}
          {freshness.p90Days !== null
            ? t('provisionalNote', { from: periodText(from, lang), days: Math.ceil(freshness.p90Days) })
            : t('provisionalNoteNoLeadTime', { from: periodText(from, lang) })}
        </p>
      )}
    </div>
  );
}
