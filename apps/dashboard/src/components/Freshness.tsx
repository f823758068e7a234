import { useApp } from '../app/context';
import { dateText, periodText } from '../lib/period';

/** "Gegevens t/m …, laatste levering …" and which periods are provisional, on every page. */
export function FreshnessLine() {
  const { t, lang, freshness } = useApp();
  if (!freshness.dataThrough) return <p className="freshness">{t('freshnessUnknown')}</p>;
  const from = freshness.provisionalFrom;
  return (
    <div className="freshness" data-through={freshness.dataThrough} data-provisional-from={from ?? ''}>
      <p>
        <strong>{t('freshness', { through: dateText(freshness.dataThrough, lang) })}</strong>
        {freshness.lastDelivery && <> · {t('freshnessDelivery', { date: dateText(freshness.lastDelivery, lang) })}</>}
      </p>
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
